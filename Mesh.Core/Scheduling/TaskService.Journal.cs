using Mesh.Core.Execution;
using Mesh.Core.Journal;
using Mesh.Core.Tasks;

namespace Mesh.Core.Scheduling;

/// <content>
/// Local runs in the compute journal (docs/protocol.md "Journal"): this node is origin and executor, so it signs both
/// parts of the record of each accepted local attempt and appends it. Remote attempts are journaled by the runner.
/// </content>
public sealed partial class TaskService
{
    /// <summary>
    /// This node's key and journal; null: local runs are not journaled (unit tests). Its peer must be this service's
    /// <c>self</c>. mesh-node always sets it, and gives the same to its remote attempt runner and guest task host.
    /// </summary>
    public TaskJournaling? Journaling { get; init; }

    /// <summary>Checks at start that the journal is this node's.</summary>
    private void CheckJournaling()
    {
        if (Journaling is { } journaling && journaling.Self.ToString() != _self)
        {
            throw new InvalidOperationException($"The journaling key is {journaling.Self}, but this task service is {_self}.");
        }
    }

    /// <summary>Signs the record of an accepted local attempt as executor and origin and appends it; failures are logged, not thrown.</summary>
    private async Task JournalLocalAsync(TaskRecord record, RunningAttempt attempt, ExecutionResult execution, TaskResult result)
    {
        if (Journaling is not { } journaling)
        {
            return;
        }

        var id = attempt.TaskId.ToString();
        var attemptText = attempt.AttemptId.ToString();
        try
        {
            var self = journaling.Self;
            var computeRecord = ComputeRecords.Build(attempt.TaskId, attempt.AttemptId, self, self, record.Spec, result, execution.StartedAt, execution.FinishedAt);
            var signed = JournalSigning.Countersign(journaling.Identity, JournalSigning.SignAsExecutor(journaling.Identity, computeRecord));
            var entry = await journaling.Journal.AppendAsync(signed).ConfigureAwait(false);
            LogJournaled(_logger, id, attemptText, entry.Height);
        }
        catch (Exception ex) when (ex is ArgumentException or IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            LogJournalFailed(_logger, id, attemptText, ex.Message);
        }
    }
}
