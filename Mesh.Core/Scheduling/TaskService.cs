using System.Threading.Channels;
using Mesh.Core.Control;
using Mesh.Core.Execution;
using Mesh.Core.Resources;
using Mesh.Core.Tasks;
using Microsoft.Extensions.Logging;

namespace Mesh.Core.Scheduling;

/// <summary>
/// The node's task service, the origin of every task submitted here: submissions are checked, their inputs cached by
/// SHA-256 and the tasks stored durably before the answer; a scheduler places queued tasks, oldest first, on another
/// peer that can take them (when <see cref="Remote"/> is set and the placement allows) or in this node's slots (see
/// <see cref="SlotPool"/>) through the <see cref="ILocalExecutor"/>. Every attempt runs under a lease, its output
/// appended to the store as it comes and its output files returned to the submitter's directory. Nothing submitted is
/// lost across a restart: attempts cut off by a stop or a crash are requeued.
/// </summary>
/// <remarks>
/// Placement: <c>any</c> prefers another peer with free surplus (the point of the mesh: the submitter's machine stays
/// its owner's), else this node; <c>remote</c> waits for a peer; <c>local</c> and <c>peer</c> go where they say. Local
/// slots are first in, first out: a task that does not fit waits, and local tasks behind it wait too.
/// </remarks>
public sealed partial class TaskService : ITaskControl, IAsyncDisposable
{
    /// <summary>The refusal of a task that may only run on another peer, when this node has no remote execution.</summary>
    public const string RemoteRefusal = "this node does not run tasks on other peers; use --local or leave placement to the mesh";

    private readonly TaskStore _store;
    private readonly ILocalExecutor _executor;
    private readonly string _self;
    private readonly string _selfName;
    private readonly SlotPool _slots;
    private readonly TaskServiceOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly InputCache _cache;
    private readonly ChangeSignal _changes = new();
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _lock = new();
    private readonly Dictionary<TaskId, RunningAttempt> _running = [];
    private readonly List<RunningAttempt> _retired = [];
    private int _queued;
    private Task _scheduler = Task.CompletedTask;
    private (int Queued, int Running, ResourceVector InUse) _reported;
    private DateTimeOffset _reportedAt = DateTimeOffset.MinValue;
    private bool _disposed;

    /// <summary>Creates the service; nothing runs until <see cref="StartAsync"/>.</summary>
    /// <param name="store">The task store (outlives the service).</param>
    /// <param name="executor">Runs the processes.</param>
    /// <param name="self">This node's peer id (origin and executor of its tasks).</param>
    /// <param name="selfName">This node's name (accepted as <c>--on NAME</c>).</param>
    /// <param name="slots">This node's task slots, shared with the tasks it runs for guests.</param>
    /// <param name="options">Settings.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">Where to log.</param>
    public TaskService(
        TaskStore store, ILocalExecutor executor, string self, string selfName, SlotPool slots, TaskServiceOptions options, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(executor);
        ArgumentException.ThrowIfNullOrEmpty(self);
        ArgumentNullException.ThrowIfNull(selfName);
        ArgumentNullException.ThrowIfNull(slots);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();
        _store = store;
        _executor = executor;
        _self = self;
        _selfName = selfName;
        _slots = slots;
        _options = options;
        _time = time;
        _logger = logger;
        _cache = new InputCache(options.CacheDirectory, options.MaxInputFileBytes);
    }

    /// <summary>
    /// What this machine has; when set (and not zero), a request larger than it in any resource is refused at
    /// submission rather than queued forever or run past what the machine can give. Null: no check.
    /// </summary>
    public Func<ResourceVector>? Capacity { get; init; }

    /// <summary>Raised (from the scheduler, at most once per <see cref="TaskServiceOptions.LoadReportInterval"/>) when <see cref="Queued"/> or the slots in use changed.</summary>
    public event EventHandler? LoadChanged;

    /// <summary>Tasks waiting to run (as of the last scheduling pass).</summary>
    public int Queued => Volatile.Read(ref _queued);

    /// <summary>This node's tasks running now, here or on other peers.</summary>
    public int Running
    {
        get
        {
            lock (_lock)
            {
                return _running.Count;
            }
        }
    }

    /// <summary>Runs attempts on other peers; null: every task runs on this node.</summary>
    public RemoteExecution? Remote { get; init; }

    /// <summary>Requeues the attempts a previous run of this node left behind, then starts the scheduler.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        CheckJournaling();
        var requeued = Recover();
        _queued = QueuedCount();
        LogRecovered(_logger, requeued, _queued);
        if (Remote is not null)
        {
            Remote.Runner.OutputStored += OnRemoteOutputStored;
        }

        _scheduler = Task.Run(() => ScheduleAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Stops scheduling and hands the running attempts back to the queue (they run again at the next start): those
    /// here are killed; those on other peers are requeued first, then the executor is told to stop them.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (Remote is not null)
        {
            Remote.Runner.OutputStored -= OnRemoteOutputStored;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await _scheduler.ConfigureAwait(false);
        RunningAttempt[] running;
        lock (_lock)
        {
            running = [.. _running.Values, .. _retired];
            foreach (var attempt in running)
            {
                attempt.StoppedByNode = true;
            }
        }

        foreach (var attempt in running)
        {
            if (attempt.Peer is not null)
            {
                // Requeued before the stop reaches the executor, so its "cancelled" result is refused as stale.
                var outcome = _store.Requeue(attempt.TaskId, attempt.AttemptId, $"the node stopped while attempt {attempt.AttemptId} ran on {attempt.Peer}");
                LogRequeued(_logger, attempt.TaskId.ToString(), attempt.AttemptId.ToString(), "the node stopped", outcome.ToString());
            }

            await attempt.KillAsync().ConfigureAwait(false);
        }

        await Task.WhenAll(running.Select(a => a.Completion)).ConfigureAwait(false);
        _stopping.Dispose();
    }

    // Attempts still marked running here died with the previous process. Those on other peers may have finished
    // meanwhile: their executors get a short grace to deliver the result before the leases run out.
    private int Recover()
    {
        var requeued = 0;
        var waiting = 0;
        var grace = Remote?.Runner.ResumeGrace ?? TimeSpan.Zero;
        TaskId? after = null;
        while (true)
        {
            var page = _store.List(new TaskListQuery(TaskState.Running, after, 1000));
            foreach (var record in page)
            {
                if (record.AttemptId is not { } attempt)
                {
                    continue;
                }

                if (record.Executor != _self && record.LeaseUntil is { } until)
                {
                    var end = _time.GetUtcNow() + grace;
                    if (until > end)
                    {
                        _store.TryRenewLease(record.Id, attempt, end);
                    }

                    waiting++;
                    continue;
                }

                var outcome = _store.Requeue(record.Id, attempt, $"the node restarted while attempt {attempt} ran");
                LogRequeued(_logger, record.Id.ToString(), attempt.ToString(), "the node restarted", outcome.ToString());
                requeued++;
            }

            if (page.Count < 1000)
            {
                if (waiting > 0)
                {
                    LogRemoteRecovered(_logger, waiting, grace);
                }

                return requeued;
            }

            after = page[^1].Id;
        }
    }

    private void OnRemoteOutputStored(object? sender, EventArgs e) => _changes.Notify();

    private int QueuedCount() => _store.CountByState().GetValueOrDefault(TaskState.Queued);

    private void Changed()
    {
        _changes.Notify();
        _wake.Writer.TryWrite(true);
    }
}
