using Mesh.Core.Tasks;
using Mesh.Core.Tasks.Wire;
using Mesh.Libp2p;

namespace Mesh.Core.Remote.Dispatch;

/// <content>Writing, credit, closing and breaking the stream; the lease of a broken attempt.</content>
public sealed partial class RemoteAttemptRunner
{
    /// <summary>Writes one message; an executor that does not take it within the silence timeout breaks the conversation.</summary>
    private async Task SendAsync(RemoteConversation conversation, TaskMessage message)
    {
        using var timer = new CancellationTokenSource(_options.PeerSilenceTimeout, _time);
        try
        {
            await TaskWireStream.WriteAsync(conversation.Stream.Output, message, _options.WireLimits, timer.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested)
        {
            throw new ConversationBrokenException($"{conversation.Peer} took no data for {_options.PeerSilenceTimeout}");
        }
    }

    private async Task GrantAsync(RemoteConversation conversation, long bytes)
    {
        if (bytes <= 0)
        {
            return;
        }

        conversation.Credit += bytes;
        await SendAsync(conversation, new OutputCreditMessage(conversation.Attempt, bytes)).ConfigureAwait(false);
    }

    /// <summary>Spends credit for received bytes. Protocol "Output with credit": sending past it is a violation.</summary>
    private static void SpendCredit(RemoteConversation conversation, int bytes, TaskMessage message)
    {
        if (bytes > conversation.Credit)
        {
            throw new TaskProtocolException($"{message.Type} of {bytes} bytes with {conversation.Credit} bytes of credit left");
        }

        conversation.Credit -= bytes;
    }

    private static async Task CloseAsync(RemoteConversation conversation)
    {
        await conversation.Stream.CloseWriteAsync().ConfigureAwait(false);
    }

    /// <summary>Ends a conversation without a result: shortens the lease (contract "Broken stream"), aborts the stream.</summary>
    private RemoteAttemptOutcome Break(RemoteConversation conversation, string message)
    {
        ShortenLease(conversation.Task, conversation.Attempt);
        conversation.Stream.Abort();
        LogBroken(_logger, conversation.Task.ToString(), conversation.Attempt.ToString(), conversation.Peer, message);
        return RemoteAttemptOutcome.Broken(message);
    }

    /// <summary>Leaves a still-current attempt at most <see cref="RemoteAttemptOptions.ResumeGrace"/> of lease; never lengthens it.</summary>
    private void ShortenLease(TaskId task, AttemptId attempt)
    {
        if (_store.FindRunning(attempt) is not { } running || running.Id != task)
        {
            return;
        }

        var until = _time.GetUtcNow() + _options.ResumeGrace;
        if (running.LeaseUntil is { } lease && lease < until)
        {
            return;
        }

        _store.TryRenewLease(task, attempt, until);
    }

    /// <summary>
    /// The exceptions a broken, reset or misused stream surfaces as: IO errors, a completed pipe, the libp2p layers' own
    /// (a yamux reset, a closed session, an invalid task frame), and the conversation's timeouts.
    /// </summary>
    private static bool IsStreamFailure(Exception exception) =>
        exception is IOException or InvalidOperationException or Libp2pException or ConversationBrokenException;
}
