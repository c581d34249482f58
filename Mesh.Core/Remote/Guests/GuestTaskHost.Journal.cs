using Mesh.Core.Execution;
using Mesh.Core.Journal;
using Mesh.Core.Tasks;
using Mesh.Core.Tasks.Wire;
using Mesh.Libp2p.Identity;

namespace Mesh.Core.Remote.Guests;

/// <content>
/// The executor's part of the compute journal (docs/protocol.md "Journal"): each stored result carries a record signed
/// by this node; the origin's countersignature in its ResultAck completes it, and it is appended to this node's journal
/// before the result is forgotten.
/// </content>
public sealed partial class GuestTaskHost
{
    /// <summary>
    /// This node's key and journal; null: results are neither signed nor journaled (unit tests). Set before
    /// <see cref="StartAsync"/>; mesh-node always sets it.
    /// </summary>
    public TaskJournaling? Journaling { get; init; }

    /// <summary>The compute record of a finished guest attempt, signed as its executor; null when not journaling or it cannot be made.</summary>
    private RunResultJournal? SignRecord(RunRequestMessage request, string origin, TaskResult result, ExecutionResult execution)
    {
        if (Journaling is not { } journaling)
        {
            return null;
        }

        if (!PeerId.TryParse(origin, out var originPeer))
        {
            LogRecordNotSigned(_logger, request.Task.ToString(), request.Attempt.ToString(), "the origin is not a peer id");
            return null;
        }

        try
        {
            var record = ComputeRecords.Build(
                request.Task, request.Attempt, originPeer!, journaling.Self, request.Spec, result, execution.StartedAt, execution.FinishedAt);
            var signed = JournalSigning.SignAsExecutor(journaling.Identity, record);
            return new RunResultJournal(signed.RecordBytes, signed.ExecutorSignature);
        }
        catch (ArgumentException ex)
        {
            LogRecordNotSigned(_logger, request.Task.ToString(), request.Attempt.ToString(), ex.Message);
            return null;
        }
    }

    /// <summary>
    /// After an accepting ResultAck: appends the countersigned record to this node's journal. True when the result may
    /// be forgotten (journaled, or not journaled because the ack has no valid countersignature: logged); false when the
    /// journal could not be written, so the result stays stored and its redelivery is answered with the same signature.
    /// </summary>
    private async Task<bool> JournalAckAsync(TaskId task, AttemptId attempt, RunResultJournal? journal, ResultAckMessage ack, CancellationToken cancellationToken)
    {
        if (Journaling is not { } journaling || journal is null || !ack.Accepted)
        {
            return true;
        }

        if (ack.OriginSignature.IsEmpty)
        {
            LogNotCountersigned(_logger, task.ToString(), attempt.ToString(), "the ResultAck carries no origin signature");
            return true;
        }

        if (!ComputeRecordCodec.TryRead(journal.Record, out var record, out var error))
        {
            LogNotCountersigned(_logger, task.ToString(), attempt.ToString(), error);
            return true;
        }

        try
        {
            // The journal checks both signatures before it appends (an ArgumentException below): not checked twice here.
            var signed = new SignedComputeRecord(record, journal.Record, journal.ExecutorSignature, ack.OriginSignature);
            var entry = await journaling.Journal.AppendAsync(signed, cancellationToken).ConfigureAwait(false);
            LogJournaled(_logger, task.ToString(), attempt.ToString(), entry.Height);
            return true;
        }
        catch (ArgumentException ex)
        {
            LogNotCountersigned(_logger, task.ToString(), attempt.ToString(), ex.Message);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            LogJournalFailed(_logger, task.ToString(), attempt.ToString(), ex.Message);
            return false;
        }
    }
}
