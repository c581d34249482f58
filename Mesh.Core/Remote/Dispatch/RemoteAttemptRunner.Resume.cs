using Mesh.Core.Tasks.Wire;
using Mesh.Libp2p.Channels;

namespace Mesh.Core.Remote.Dispatch;

/// <content>A result the executor redelivers on a stream it opened (contract "Redelivery of a stored result").</content>
public sealed partial class RemoteAttemptRunner
{
    /// <summary>
    /// Serves a stream an executor opened with <paramref name="first"/> to redeliver a stored result: when the attempt is
    /// still running in the store with <paramref name="executorPeer"/> as its executor, renews its lease, answers
    /// LeaseRenewed and grants the initial credit, then records the result and its files exactly like a fresh run and acks
    /// it; when this node already accepted and journaled that attempt's result (the executor missed the ack), answers
    /// LeaseRenewed, takes the result again and acks it accepted with the journaled countersignature; otherwise (an
    /// unknown, stale or finished attempt, another executor) answers LeaseLost and closes, so the executor forgets the result. Never throws for anything the executor did; the dispatcher disposes the stream afterwards.
    /// </summary>
    /// <param name="first">The stream's first message.</param>
    /// <param name="stream">The stream.</param>
    /// <param name="executorPeer">The peer that opened it.</param>
    /// <param name="cancellationToken">Stops serving (the node stops): the stream is aborted and the method returns.</param>
    public async Task ServeResumeAsync(LeaseRenewMessage first, IDuplexChannel stream, string executorPeer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrEmpty(executorPeer);
        var attemptText = first.Attempt.ToString();
        var running = first.Attempt.IsEmpty ? null : _store.FindRunning(first.Attempt);
        var most = _time.GetUtcNow() + _options.LeaseDuration;
        var until = first.Until < most ? first.Until : most;
        if (running is null && FindJournaled(first.Attempt, executorPeer) is { } journaled)
        {
            await ServeJournaledAsync(first, stream, executorPeer, journaled.Record, journaled.Entry, until, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (running is null || running.Executor != executorPeer || !_store.TryRenewLease(running.Id, first.Attempt, until))
        {
            var message = running is null
                ? $"attempt {attemptText} is not running here"
                : $"attempt {attemptText} is not run by {executorPeer}";
            LogResumeRefused(_logger, attemptText, executorPeer, message);
            await AnswerLostAsync(first, stream, message).ConfigureAwait(false);
            return;
        }

        LogResumed(_logger, running.Id.ToString(), attemptText, executorPeer);
        var conversation = new RemoteConversation(stream, running.Id, first.Attempt, running.Spec, executorPeer, ConversationPhase.Running);
        try
        {
            await SendAsync(conversation, new LeaseRenewedMessage(first.Attempt, until)).ConfigureAwait(false);
            await GrantAsync(conversation, _options.InitialCredit).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsStreamFailure(ex))
        {
            Break(conversation, $"the stream from {executorPeer} broke: {ex.Message}");
            return;
        }

        await ConverseAsync(conversation, cancellationToken).ConfigureAwait(false);
    }

    private async Task AnswerLostAsync(LeaseRenewMessage first, IDuplexChannel stream, string message)
    {
        try
        {
            var limits = _options.WireLimits;
            using var timer = new CancellationTokenSource(_options.PeerSilenceTimeout, _time);
            await TaskWireStream.WriteAsync(stream.Output, new LeaseLostMessage(first.Attempt, message), limits, timer.Token).ConfigureAwait(false);
            await stream.CloseWriteAsync(timer.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsStreamFailure(ex) || ex is OperationCanceledException || ex is ArgumentException)
        {
            // Nothing more to say to that executor; an empty attempt id (ArgumentException) cannot even be answered.
            stream.Abort();
        }
    }
}
