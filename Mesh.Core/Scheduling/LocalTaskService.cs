using System.Threading.Channels;
using Mesh.Core.Control;
using Mesh.Core.Execution;
using Mesh.Core.Resources;
using Mesh.Core.Tasks;
using Microsoft.Extensions.Logging;

namespace Mesh.Core.Scheduling;

/// <summary>
/// The node's task service, running every task on this node (remote placement arrives with the task protocol):
/// submissions are checked, their inputs cached by SHA-256 and the tasks stored durably before the answer; a
/// scheduler starts queued tasks, oldest first, in slots (see <see cref="TotalSlots"/>) through the
/// <see cref="ILocalExecutor"/>, each under a renewed lease, its output appended to the store as it comes and its
/// output files returned to the submitter's directory. Nothing submitted is lost across a restart: attempts cut off
/// by a stop or a crash are requeued at the next start.
/// </summary>
/// <remarks>
/// Slots: the node has <c>floor(surplus cpu)</c> slots, at least 1 and at most
/// <see cref="LocalTaskServiceOptions.MaxConcurrentTasks"/>; a task takes <c>ceil(cpu request)</c> of them (at least 1,
/// at most all). The queue is first in, first out: a task that does not fit waits for slots, and tasks behind it wait too.
/// </remarks>
public sealed partial class LocalTaskService : ITaskControl, IAsyncDisposable
{
    /// <summary>The refusal of a task that may only run on another peer.</summary>
    public const string RemoteRefusal =
        "no peer can take it yet: remote execution is not available in this version; use --local or leave placement to the mesh";

    private readonly TaskStore _store;
    private readonly ILocalExecutor _executor;
    private readonly string _self;
    private readonly string _selfName;
    private readonly Func<double> _surplusCpu;
    private readonly LocalTaskServiceOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly InputCache _cache;
    private readonly ChangeSignal _changes = new();
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _lock = new();
    private readonly Dictionary<TaskId, RunningAttempt> _running = [];
    private int _usedSlots;
    private ResourceVector _inUse;
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
    /// <param name="surplusCpu">The cores this node passes to the layer now (read at each scheduling pass).</param>
    /// <param name="options">Settings.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">Where to log.</param>
    public LocalTaskService(
        TaskStore store, ILocalExecutor executor, string self, string selfName, Func<double> surplusCpu, LocalTaskServiceOptions options, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(executor);
        ArgumentException.ThrowIfNullOrEmpty(self);
        ArgumentNullException.ThrowIfNull(selfName);
        ArgumentNullException.ThrowIfNull(surplusCpu);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();
        _store = store;
        _executor = executor;
        _self = self;
        _selfName = selfName;
        _surplusCpu = surplusCpu;
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

    /// <summary>Raised (from the scheduler, at most once per <see cref="LocalTaskServiceOptions.LoadReportInterval"/>) when <see cref="Queued"/>, <see cref="Running"/> or <see cref="InUse"/> changed.</summary>
    public event EventHandler? LoadChanged;

    /// <summary>Tasks waiting to run (as of the last scheduling pass).</summary>
    public int Queued => Volatile.Read(ref _queued);

    /// <summary>Tasks running now.</summary>
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

    /// <summary>The sum of the running tasks' requests.</summary>
    public ResourceVector InUse
    {
        get
        {
            lock (_lock)
            {
                return _inUse;
            }
        }
    }

    /// <summary>The slots this node has now: <c>floor(surplus cpu)</c>, from 1 to <see cref="LocalTaskServiceOptions.MaxConcurrentTasks"/>.</summary>
    public int TotalSlots
    {
        get
        {
            var cpu = _surplusCpu();
            var slots = double.IsFinite(cpu) ? (int)Math.Min(Math.Floor(cpu), _options.MaxConcurrentTasks) : 1;
            return Math.Clamp(slots, 1, _options.MaxConcurrentTasks);
        }
    }

    /// <summary>Requeues the attempts a previous run of this node left behind, then starts the scheduler.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        var requeued = Recover();
        _queued = QueuedCount();
        LogRecovered(_logger, requeued, _queued);
        _scheduler = Task.Run(() => ScheduleAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Stops scheduling, kills the running attempts and requeues them (they run again at the next start).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _scheduler.ConfigureAwait(false);
        RunningAttempt[] running;
        lock (_lock)
        {
            running = [.. _running.Values];
            foreach (var attempt in running)
            {
                attempt.StoppedByNode = true;
            }
        }

        foreach (var attempt in running)
        {
            await attempt.KillAsync().ConfigureAwait(false);
        }

        await Task.WhenAll(running.Select(a => a.Completion)).ConfigureAwait(false);
        _stopping.Dispose();
    }

    // Attempts still marked running on this node died with its previous process.
    private int Recover()
    {
        var requeued = 0;
        TaskId? after = null;
        while (true)
        {
            var page = _store.List(new TaskListQuery(TaskState.Running, after, 1000));
            foreach (var record in page)
            {
                if (record.Executor == _self && record.AttemptId is { } attempt)
                {
                    var outcome = _store.Requeue(record.Id, attempt, $"the node restarted while attempt {attempt} ran");
                    LogRequeued(_logger, record.Id.ToString(), attempt.ToString(), "the node restarted", outcome.ToString());
                    requeued++;
                }
            }

            if (page.Count < 1000)
            {
                return requeued;
            }

            after = page[^1].Id;
        }
    }

    private int QueuedCount() => _store.CountByState().GetValueOrDefault(TaskState.Queued);

    private void Changed()
    {
        _changes.Notify();
        _wake.Writer.TryWrite(true);
    }
}
