using System.Runtime.CompilerServices;
using Mesh.Core.Control;
using Mesh.Core.Tasks;

namespace Mesh.Core.Scheduling;

/// <content>Status, lists, output, waiting and cancelling: read from the store, woken by the change signal.</content>
public sealed partial class TaskService
{
    private const int DefaultPageSize = 100;
    private const int MaxPageSize = 1000;

    /// <inheritdoc />
    public TaskStatusView? Get(string id) =>
        TaskId.TryParse(id, out var taskId) && _store.Get(taskId) is { } record ? TaskStatusView.From(record) : null;

    /// <inheritdoc />
    public TaskListView List(string? state, string? after, int limit)
    {
        TaskState? only = null;
        if (!string.IsNullOrEmpty(state))
        {
            only = TaskStates.TryParse(state, out var parsed)
                ? parsed
                : throw new TaskRequestException($"state '{state}' is unknown: use queued, running, succeeded, failed, cancelled or lost");
        }

        TaskId? cursor = null;
        if (!string.IsNullOrEmpty(after))
        {
            cursor = TaskId.TryParse(after, out var parsed) ? parsed : throw new TaskRequestException($"after '{after}' is not a task id");
        }

        var page = limit <= 0 ? DefaultPageSize : Math.Min(limit, MaxPageSize);
        var records = _store.List(new TaskListQuery(only, cursor, page));
        return new TaskListView([.. records.Select(TaskStatusView.From)], records.Count == page ? records[^1].Id.ToString() : null);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<TaskOutputView> ReadOutputAsync(
        string id, long afterSeq, bool follow, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var taskId = Known(id);
        var after = afterSeq;
        while (true)
        {
            var seen = _changes.Version;

            // The state is read before the chunks: a final task has stored all its output, so an empty read after
            // it means the stream is drained.
            var final = _store.Get(taskId)?.State.IsFinal() ?? true;
            var chunks = _store.ReadOutput(taskId, after);
            foreach (var chunk in chunks)
            {
                after = chunk.Sequence;
                yield return new TaskOutputView(chunk.Sequence, StreamName(chunk.Stream), chunk.Data);
            }

            if (chunks.Count > 0)
            {
                continue;
            }

            if (!follow || final)
            {
                yield break;
            }

            await _changes.WaitAsync(seen, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task<TaskStatusView?> WaitAsync(string id, CancellationToken cancellationToken = default)
    {
        if (!TaskId.TryParse(id, out var taskId))
        {
            return null;
        }

        while (true)
        {
            var seen = _changes.Version;
            var record = _store.Get(taskId);
            if (record is null || record.State.IsFinal())
            {
                return record is null ? null : TaskStatusView.From(record);
            }

            await _changes.WaitAsync(seen, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task<TaskStatusView?> CancelAsync(string id, CancellationToken cancellationToken = default)
    {
        if (!TaskId.TryParse(id, out var taskId))
        {
            return null;
        }

        var result = _store.Cancel(taskId, "cancelled on request");
        if (result.Outcome == CancelOutcome.NotFound)
        {
            return null;
        }

        if (result.Outcome == CancelOutcome.Cancelled)
        {
            LogCancelled(_logger, id);
            RunningAttempt? attempt;
            lock (_lock)
            {
                _running.TryGetValue(taskId, out attempt);
            }

            Changed();
            if (attempt is not null)
            {
                // Answer once the process tree is gone, so "cancelled" means stopped.
                await attempt.KillAsync().ConfigureAwait(false);
                await attempt.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        return Get(id);
    }

    private TaskId Known(string id) =>
        TaskId.TryParse(id, out var taskId) && _store.Get(taskId) is not null ? taskId : throw new KeyNotFoundException($"no task {id}");

    private static string StreamName(OutputStreamKind stream) => stream switch
    {
        OutputStreamKind.Stdout => "stdout",
        OutputStreamKind.Stderr => "stderr",
        _ => "notice",
    };
}
