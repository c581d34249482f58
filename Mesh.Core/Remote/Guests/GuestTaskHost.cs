using Mesh.Core.Execution;
using Mesh.Core.Resources;
using Mesh.Core.Scheduling;
using Mesh.Core.Tasks;
using Mesh.Core.Tasks.Wire;
using Microsoft.Extensions.Logging;

namespace Mesh.Core.Remote.Guests;

/// <summary>
/// The executor side of remote execution: runs tasks for other peers ("guests") on this node's surplus, streams their
/// output back under the origin's credit, keeps each result durably until its origin acknowledges it and redelivers
/// results whose stream broke (docs/protocol.md "Task protocol"). Thread-safe; one instance per node.
/// </summary>
public sealed partial class GuestTaskHost : ITaskRunServer, IAsyncDisposable
{
    private readonly ILocalExecutor _executor;
    private readonly ExecutorResultStore _results;
    private readonly InputCache _cache;
    private readonly SlotPool _slots;
    private readonly Func<ResourceVector> _surplus;
    private readonly GuestPolicy _policy;
    private readonly ITaskTransport _transport;
    private readonly GuestTaskHostOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly GuestResultFolders _folders;
    private readonly TaskWireLimits _limits = TaskWireLimits.Default;
    private readonly Lock _lock = new();
    private readonly HashSet<Task> _serving = [];
    private readonly CancellationTokenSource _stopping = new();
    private int _running;
    private bool _disposed;

    /// <summary>Creates the host; <see cref="StartAsync"/> starts its redelivery loop.</summary>
    /// <param name="executor">Runs the processes.</param>
    /// <param name="results">Keeps results until their origins acknowledge them.</param>
    /// <param name="cache">The node's input cache (guest inputs are written into it).</param>
    /// <param name="slots">The node's slots, shared with its own tasks.</param>
    /// <param name="surplus">What the node passes to the mesh now.</param>
    /// <param name="policy">Who may run tasks here, and how big.</param>
    /// <param name="transport">Opens streams to origins for redelivery.</param>
    /// <param name="options">Settings (validated here).</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">Where events go.</param>
    public GuestTaskHost(
        ILocalExecutor executor,
        ExecutorResultStore results,
        InputCache cache,
        SlotPool slots,
        Func<ResourceVector> surplus,
        GuestPolicy policy,
        ITaskTransport transport,
        GuestTaskHostOptions options,
        TimeProvider time,
        ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(executor);
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(slots);
        ArgumentNullException.ThrowIfNull(surplus);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();
        _executor = executor;
        _results = results;
        _cache = cache;
        _slots = slots;
        _surplus = surplus;
        _policy = policy;
        _transport = transport;
        _options = options;
        _time = time;
        _logger = logger;
        _folders = new GuestResultFolders(options.WorkDirectory);
    }

    /// <summary>Raised when a guest attempt starts or ends (the node refreshes its ledger entry from it).</summary>
    public event EventHandler? LoadChanged;

    /// <summary>The guest attempts running now.</summary>
    public int Running => Volatile.Read(ref _running);

    /// <summary>Stops taking runs, kills the running guest attempts (their results are not kept: their origins requeue them), stops the redelivery loop and waits for all of it.</summary>
    public async ValueTask DisposeAsync()
    {
        Task[] serving;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            serving = [.. _serving];
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        WakeRedelivery();
        try
        {
            await Task.WhenAll(serving).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Each conversation logged its own failure; stopping must go on.
        catch (Exception)
#pragma warning restore CA1031
        {
        }

        if (_redelivery is { } loop)
        {
            await loop.ConfigureAwait(false);
        }

        if (_preemption is { } check)
        {
            await check.ConfigureAwait(false);
        }

        // _stopping is not disposed: a late ServeAsync still links to its (cancelled) token to be refused.
    }

    private void ChangeRunning(int delta)
    {
        Interlocked.Add(ref _running, delta);
        LoadChanged?.Invoke(this, EventArgs.Empty);
    }

    /// <summary>Registers a conversation so <see cref="DisposeAsync"/> awaits it; false when the host is stopping.</summary>
    private bool TryTrack(Task serving)
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return false;
            }

            _serving.Add(serving);
            return true;
        }
    }

    private void Untrack(Task serving)
    {
        lock (_lock)
        {
            _serving.Remove(serving);
        }
    }

    private bool IsStopping
    {
        get
        {
            lock (_lock)
            {
                return _disposed;
            }
        }
    }
}
