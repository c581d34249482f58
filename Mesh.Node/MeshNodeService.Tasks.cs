using Mesh.Core.Execution;
using Mesh.Core.Ledger;
using Mesh.Core.Remote;
using Mesh.Core.Remote.Dispatch;
using Mesh.Core.Remote.Guests;
using Mesh.Core.Scheduling;
using Mesh.Core.Tasks;
using Mesh.Core.Tasks.Wire;
using Mesh.Libp2p.Host;
using Mesh.Libp2p.Identity;
using Microsoft.Extensions.Logging;

namespace Mesh.Node;

/// <content>
/// The task side of the node: the database, the executor, the slots; then the task service (origin of the tasks
/// submitted here), the guest host (executor of other peers' tasks) and the task protocol between nodes.
/// </content>
internal sealed partial class MeshNodeService
{
    private TaskDatabase? _database;
    private TaskStore? _store;
    private TaskService? _tasks;
    private GuestTaskHost? _guests;
    private SlotPool? _slots;
    private LocalExecutor? _executor;

    /// <summary>
    /// Opens <c>DATA_DIR/tasks.db</c> and probes the executor before the host starts: the probe takes a moment, and
    /// once the node prints its addresses its control API should follow at once.
    /// </summary>
    private void PrepareTasks()
    {
        try
        {
            _database = TaskDatabase.Open(
                new TaskStoreOptions { DatabasePath = Path.Combine(options.DataDir, TaskStoreOptions.FileName) }, loggers.CreateLogger<TaskDatabase>());
        }
        catch (TaskStoreException ex)
        {
            throw new NodeStartException(ex.Message, ex);
        }

        // Tracked first, so it closes last.
        Track(new DisposeOnStop(_database));
        _store = new TaskStore(_database, time, loggers.CreateLogger<TaskStore>());
        _executor = new LocalExecutor(
            new LocalExecutorOptions { WorkRoot = Path.Combine(options.DataDir, "work") }, time, loggers.CreateLogger<LocalExecutor>());
        _slots = new SlotPool(() => _monitor?.Current.Surplus.Cpu ?? 1, new TaskServiceOptions().MaxConcurrentTasks);
    }

    /// <summary>
    /// Starts the guest host and the task service (which requeues what a previous run left) once the host and the
    /// ledger run, then takes task streams. Tracked after the host, so they stop before it: remote attempts are
    /// requeued and their executors told, guest attempts are killed, while the connections still carry that news.
    /// </summary>
    private async Task<(TaskService Service, LocalExecutor Executor)> StartTasksAsync(
        Libp2pHost host, LedgerService ledger, PeerId self, CancellationToken cancellationToken)
    {
        var cache = new InputCache(Path.Combine(options.DataDir, "cache"), new TaskServiceOptions().MaxInputFileBytes);
        var transport = new Libp2pTaskTransport(host, peer => AddressesOf(ledger, peer));
        var runnerOptions = new RemoteAttemptOptions();
        var runner = new RemoteAttemptRunner(_store!, cache, transport, runnerOptions, time, loggers.CreateLogger<RemoteAttemptRunner>()) { Journaling = _journaling };
        _guests = Track(new GuestTaskHost(
            _executor!, new ExecutorResultStore(_database!, time), cache, _slots!, () => _monitor?.Current.Surplus ?? default, options.GuestPolicy,
            transport, new GuestTaskHostOptions { WorkDirectory = Path.Combine(options.DataDir, "guests"), Preemption = options.Preemption }, time, loggers.CreateLogger<GuestTaskHost>())
        {
            Journaling = _journaling,
        });
        _tasks = Track(new TaskService(
            _store!, _executor!, self.ToString(), options.Name, _slots!,
            new TaskServiceOptions { CacheDirectory = Path.Combine(options.DataDir, "cache") }, time,
            loggers.CreateLogger<TaskService>())
        {
            Capacity = () => _monitor?.Current.Capacity ?? default,
            Remote = new RemoteExecution(runner, ledger.Table.Snapshot),
            Journaling = _journaling,
        });
        _tasks.LoadChanged += OnTaskLoadChanged;
        _guests.LoadChanged += OnTaskLoadChanged;
        await _guests.StartAsync(cancellationToken).ConfigureAwait(false);
        await _tasks.StartAsync(cancellationToken).ConfigureAwait(false);

        var handler = new TaskProtocolHandler(_guests, runner, _tasks, time, loggers.CreateLogger<TaskProtocolHandler>());
        host.SetStreamHandler(TaskWireProtocol.ProtocolId, handler.HandleAsync);
        host.PeerConnected += OnPeerConnected;
        var tasks = _tasks;
        Track(new WorkStealer(
            transport, ledger.Table.Snapshot, self, _slots!, () => _monitor?.Current.Surplus ?? default, () => tasks.Queued > 0,
            new WorkStealerOptions(), time, loggers.CreateLogger<WorkStealer>())).Start();
        return (_tasks, _executor!);
    }

    private static IReadOnlyList<string> AddressesOf(LedgerService ledger, PeerId peer) =>
        ledger.Table.Snapshot().Peers.FirstOrDefault(p => p.Entry.Peer == peer)?.Entry.Addresses ?? [];

    // An origin that comes back may be owed results this node kept for it.
    private void OnPeerConnected(object? sender, PeerEventArgs e) => _guests?.OriginConnected(e.Peer.ToString());

    // Raised at most once per second by each side; the ledger publishes at once when the state differs.
    private void OnTaskLoadChanged(object? sender, EventArgs e)
    {
        if (_ledger is { } ledger && _monitor is { } monitor)
        {
            ledger.UpdateLocal(LocalState(monitor.Current, ledger.LocalState.Addresses));
        }
    }

    /// <summary>Disposes a synchronous part in the reverse-order stop list.</summary>
    private sealed class DisposeOnStop(IDisposable part) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            part.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
