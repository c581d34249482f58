using Mesh.Core.Journal;
using Mesh.Core.Tasks;
using Mesh.Core.Tasks.Wire;
using Mesh.Libp2p.Channels;

namespace Mesh.Core.Remote.Dispatch;

/// <content>
/// The origin's part of the compute journal (docs/protocol.md "Journal"): the executor's signed record is checked
/// against what this node knows of the attempt, countersigned and journaled when the result is accepted, and its
/// countersignature sent in the ResultAck; a redelivery of a result already journaled is answered with it again.
/// </content>
public sealed partial class RemoteAttemptRunner
{
    /// <summary>
    /// This node's key and journal; null: results are not journaled and records are neither required nor checked (unit
    /// tests). mesh-node always sets it.
    /// </summary>
    public TaskJournaling? Journaling { get; init; }

    /// <summary>
    /// Checks the compute record a RunResult carries: present, decodable, signed by the stream's peer, and about this
    /// attempt as this node sent it (task, attempt, origin, executor, command, resources, end). Without a journal, nothing.
    /// </summary>
    /// <exception cref="TaskProtocolException">The record is missing or wrong: the conversation breaks.</exception>
    private void CheckRecord(RemoteConversation conversation, RunResultMessage message)
    {
        if (Journaling is not { } journaling)
        {
            return;
        }

        if (message.Journal is not { } journal)
        {
            throw new TaskProtocolException("RunResult carries no compute record, and this node journals every transaction");
        }

        if (conversation.Journaled is { } entry)
        {
            // A redelivery of what is journaled already: it must be the very record that was countersigned.
            var stored = entry.Transaction;
            if (!journal.Record.Span.SequenceEqual(stored.RecordBytes.Span) || !journal.ExecutorSignature.Span.SequenceEqual(stored.ExecutorSignature.Span))
            {
                throw new TaskProtocolException("the redelivered compute record is not the one journaled for this attempt");
            }

            return;
        }

        var signed = JournalSigning.TryDecodeSigned(journal.Record, journal.ExecutorSignature, ReadOnlyMemory<byte>.Empty, out var error)
            ?? throw new TaskProtocolException($"the compute record is not valid: {error}");
        if (ComputeRecords.Mismatch(signed.Record, conversation.Task, conversation.Attempt, journaling.Self, conversation.Peer, conversation.Spec, message.Result) is { } why)
        {
            throw new TaskProtocolException(why);
        }

        conversation.Transaction = signed;
    }

    /// <summary>
    /// Countersigns the conversation's record and appends it to the journal (durable before this returns); the
    /// countersignature for the ResultAck, or empty when not journaling or the journal could not be written (logged).
    /// </summary>
    private async Task<ReadOnlyMemory<byte>> JournalAsync(RemoteConversation conversation)
    {
        if (Journaling is not { } journaling || conversation.Transaction is not { } transaction)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        try
        {
            var entry = await journaling.Journal.AppendAsync(JournalSigning.Countersign(journaling.Identity, transaction)).ConfigureAwait(false);
            LogJournaled(_logger, conversation.Task.ToString(), conversation.Attempt.ToString(), entry.Height);
            return entry.Transaction.OriginSignature;
        }
        catch (Exception ex) when (ex is ArgumentException or IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            LogJournalFailed(_logger, conversation.Task.ToString(), conversation.Attempt.ToString(), ex.Message);
            return ReadOnlyMemory<byte>.Empty;
        }
    }

    /// <summary>The journal entry of a finished attempt <paramref name="executorPeer"/> ran for this node; null when there is none.</summary>
    private (TaskRecord Record, JournalEntry Entry)? FindJournaled(AttemptId attempt, string executorPeer)
    {
        if (Journaling is not { } journaling || attempt.IsEmpty || _store.FindFinished(attempt) is not { } record || record.Executor != executorPeer)
        {
            return null;
        }

        return journaling.Journal.TryFind(record.Id, attempt, out var entry) ? (record, entry) : null;
    }

    /// <summary>
    /// A redelivery of a result this node accepted and journaled, whose ResultAck the executor missed: the result is
    /// received again (its files read and dropped) and answered accepted, with the journaled countersignature.
    /// </summary>
    private async Task ServeJournaledAsync(
        LeaseRenewMessage first, IDuplexChannel stream, string executorPeer, TaskRecord record, JournalEntry entry, DateTimeOffset until, CancellationToken cancellationToken)
    {
        LogRedeliveryOfJournaled(_logger, record.Id.ToString(), first.Attempt.ToString(), executorPeer);
        var conversation = new RemoteConversation(stream, record.Id, first.Attempt, record.Spec, executorPeer, ConversationPhase.Running) { Journaled = entry };
        try
        {
            await SendAsync(conversation, new LeaseRenewedMessage(first.Attempt, until)).ConfigureAwait(false);
            await GrantAsync(conversation, _options.InitialCredit).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsStreamFailure(ex))
        {
            stream.Abort();
            return;
        }

        await ConverseAsync(conversation, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The redelivered result of a journaled attempt: files are taken and dropped, then the stored answer.</summary>
    private async Task<RemoteAttemptOutcome?> TakeJournaledResultAsync(RemoteConversation conversation, TaskResult result)
    {
        conversation.Result = result;
        conversation.Files = new OutputFileReceiver(result.Outputs, null, _options);
        conversation.Phase = ConversationPhase.ReceivingFiles;
        return conversation.Files.IsComplete ? await AnswerJournaledAsync(conversation).ConfigureAwait(false) : null;
    }

    private async Task<RemoteAttemptOutcome> AnswerJournaledAsync(RemoteConversation conversation)
    {
        var signature = conversation.Journaled!.Transaction.OriginSignature;
        try
        {
            await SendAsync(conversation, new ResultAckMessage(conversation.Attempt, conversation.Task, true, signature)).ConfigureAwait(false);
            await CloseAsync(conversation).ConfigureAwait(false);
            await DrainAsync(conversation).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsStreamFailure(ex))
        {
            LogAckFailed(_logger, conversation.Task.ToString(), conversation.Attempt.ToString(), conversation.Peer, ex.Message);
            conversation.Stream.Abort();
        }

        return RemoteAttemptOutcome.Completed(CompletionOutcome.Duplicate, "a redelivery of a result already journaled");
    }
}
