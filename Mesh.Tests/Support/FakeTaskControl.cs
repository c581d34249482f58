using System.Runtime.CompilerServices;
using Mesh.Core.Control;
using Mesh.Core.Tasks;

namespace Mesh.Tests;

/// <summary>
/// An in-memory <see cref="ITaskControl"/> for CLI tests: tasks are made by <see cref="SubmitAsync"/> or
/// <see cref="Add"/>; a test (or <see cref="OnSubmit"/>) appends output and finishes them. Output readers and
/// waiters wake when that happens. Pages hold at most <see cref="MaxPageSize"/> tasks, to make clients page.
/// </summary>
internal sealed class FakeTaskControl : ITaskControl
{
    private static readonly DateTimeOffset Epoch = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly Lock _lock = new();
    private readonly SortedDictionary<string, Entry> _tasks = new(StringComparer.Ordinal);
    private ulong _nextId = 1;
    private long _nextSeq = 1;

    /// <summary>The id of the node this fakes (origin of its tasks).</summary>
    public string NodeId { get; init; } = "12D3KooWFakeNodeOrigin0000000000000000000000000001";

    /// <summary>The most tasks one page holds.</summary>
    public int MaxPageSize { get; init; } = 100;

    /// <summary>Runs on every submitted task (each array element), after it is stored: scripts what the task does.</summary>
    public Func<SubmitTaskRequest, string, Task>? OnSubmit { get; set; }

    /// <summary>A refusal: when set, every submission fails with this message (HTTP 400).</summary>
    public string? RefuseWith { get; set; }

    /// <summary>Every request submitted, in order.</summary>
    public List<SubmitTaskRequest> Submitted { get; } = [];

    /// <summary>Every id whose cancel was asked for, in order.</summary>
    public List<string> CancelRequests { get; } = [];

    /// <summary>Every (state, after, limit) of a list call, in order.</summary>
    public List<(string? State, string? After, int Limit)> ListCalls { get; } = [];

    /// <summary>Makes an id that sorts after every earlier one, as real ids do.</summary>
    public string NewId()
    {
        lock (_lock)
        {
            return new TaskId((ulong)Epoch.ToUnixTimeMilliseconds() << 16, _nextId++).ToString();
        }
    }

    /// <summary>Stores a task as given (its id included).</summary>
    public void Add(TaskStatusView status)
    {
        lock (_lock)
        {
            _tasks[status.Id] = new Entry(status);
        }
    }

    /// <summary>Appends an output chunk of <paramref name="stream"/> to task <paramref name="id"/>.</summary>
    public void Append(string id, string stream, byte[] data)
    {
        lock (_lock)
        {
            var entry = _tasks[id];
            entry.Output.Add(new TaskOutputView(_nextSeq++, stream, data));
            entry.Changed();
        }
    }

    /// <summary>Appends UTF-8 text.</summary>
    public void Append(string id, string stream, string text) => Append(id, stream, System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary>Marks the task running on <paramref name="executor"/>.</summary>
    public void Start(string id, string executor) => Update(id, s => s with { State = "running", Executor = executor, Attempts = s.Attempts + 1, StartedAt = Epoch.AddSeconds(1) });

    /// <summary>Makes the task final.</summary>
    public void Finish(string id, string state, int? exitCode, string? executor = null) => Update(id, s => s with
    {
        State = state,
        ExitCode = exitCode,
        Executor = executor ?? s.Executor,
        FinishedAt = Epoch.AddSeconds(3),
    });

    /// <summary>Drops a task, as a node that lost its database would.</summary>
    public void Forget(string id)
    {
        lock (_lock)
        {
            _tasks.Remove(id);
        }
    }

    public TaskStatusView? Get(string id)
    {
        lock (_lock)
        {
            return _tasks.TryGetValue(id, out var entry) ? entry.Status : null;
        }
    }

    public async Task<SubmitTaskResponse> SubmitAsync(SubmitTaskRequest request, CancellationToken cancellationToken = default)
    {
        if (RefuseWith is { } refusal)
        {
            throw new TaskRequestException(refusal);
        }

        var count = 1;
        if (request.Array is not null)
        {
            if (!ArrayRange.TryParse(request.Array, out var range, out var error))
            {
                throw new TaskRequestException(error);
            }

            count = range.Count;
        }

        var ids = new List<string>(count);
        lock (_lock)
        {
            Submitted.Add(request);
        }

        for (var i = 0; i < count; i++)
        {
            var id = NewId();
            Add(new TaskStatusView { Id = id, State = "queued", Origin = NodeId, SubmittedAt = Epoch });
            ids.Add(id);
        }

        if (OnSubmit is { } script)
        {
            foreach (var id in ids)
            {
                await script(request, id);
            }
        }

        return new SubmitTaskResponse(ids);
    }

    public TaskListView List(string? state, string? after, int limit)
    {
        if (state is not null && !TaskStates.TryParse(state, out _))
        {
            throw new TaskRequestException($"unknown state '{state}'");
        }

        lock (_lock)
        {
            ListCalls.Add((state, after, limit));
            var page = _tasks.Values
                .Select(e => e.Status)
                .Where(s => (after is null || string.CompareOrdinal(s.Id, after) > 0) && (state is null || s.State == state))
                .Take(Math.Min(limit, MaxPageSize) + 1)
                .ToList();
            var more = page.Count > Math.Min(limit, MaxPageSize);
            if (more)
            {
                page.RemoveAt(page.Count - 1);
            }

            return new TaskListView(page, more ? page[^1].Id : null);
        }
    }

    public async IAsyncEnumerable<TaskOutputView> ReadOutputAsync(string id, long afterSeq, bool follow, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var next = afterSeq;
        while (true)
        {
            List<TaskOutputView> fresh;
            bool final;
            Task changed;
            lock (_lock)
            {
                if (!_tasks.TryGetValue(id, out var entry))
                {
                    throw new KeyNotFoundException(id);
                }

                fresh = [.. entry.Output.Where(c => c.Seq > next)];
                final = TaskStates.TryParse(entry.Status.State, out var s) && s.IsFinal();
                changed = entry.NextChange;
            }

            foreach (var chunk in fresh)
            {
                next = chunk.Seq;
                yield return chunk;
            }

            if (!follow || (final && fresh.Count == 0))
            {
                yield break;
            }

            if (fresh.Count == 0)
            {
                await changed.WaitAsync(cancellationToken);
            }
        }
    }

    public async Task<TaskStatusView?> WaitAsync(string id, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (!_tasks.TryGetValue(id, out var entry))
                {
                    return null;
                }

                if (TaskStates.TryParse(entry.Status.State, out var s) && s.IsFinal())
                {
                    return entry.Status;
                }

                changed = entry.NextChange;
            }

            await changed.WaitAsync(cancellationToken);
        }
    }

    public Task<TaskStatusView?> CancelAsync(string id, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            CancelRequests.Add(id);
        }

        var status = Get(id);
        if (status is null)
        {
            return Task.FromResult<TaskStatusView?>(null);
        }

        if (TaskStates.TryParse(status.State, out var s) && !s.IsFinal())
        {
            Finish(id, "cancelled", null);
        }

        return Task.FromResult(Get(id));
    }

    private void Update(string id, Func<TaskStatusView, TaskStatusView> change)
    {
        lock (_lock)
        {
            var entry = _tasks[id];
            entry.Status = change(entry.Status);
            entry.Changed();
        }
    }

    private sealed class Entry(TaskStatusView status)
    {
        private TaskCompletionSource _change = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskStatusView Status { get; set; } = status;

        public List<TaskOutputView> Output { get; } = [];

        public Task NextChange => _change.Task;

        public void Changed()
        {
            var previous = _change;
            _change = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            previous.TrySetResult();
        }
    }
}
