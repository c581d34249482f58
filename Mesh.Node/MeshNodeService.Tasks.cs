using Mesh.Core.Execution;
using Mesh.Core.Scheduling;
using Mesh.Core.Tasks;
using Mesh.Libp2p.Identity;
using Microsoft.Extensions.Logging;

namespace Mesh.Node;

/// <content>The task side of the node: the database, the executor and the task service, and their load in the ledger.</content>
internal sealed partial class MeshNodeService
{
    private TaskService? _tasks;
    private SlotPool? _slots;
    private LocalExecutor? _executor;

    /// <summary>
    /// Opens <c>DATA_DIR/tasks.db</c>, probes the executor and makes the task service, before the host starts: the
    /// probe takes a moment, and once the node prints its addresses its control API should follow at once.
    /// </summary>
    private void PrepareTasks(PeerId self)
    {
        TaskDatabase database;
        try
        {
            database = TaskDatabase.Open(
                new TaskStoreOptions { DatabasePath = Path.Combine(options.DataDir, TaskStoreOptions.FileName) }, loggers.CreateLogger<TaskDatabase>());
        }
        catch (TaskStoreException ex)
        {
            throw new NodeStartException(ex.Message, ex);
        }

        // Tracked before the host: stopping closes the control API first, then the service (which requeues running
        // attempts), then the database.
        Track(new DisposeOnStop(database));
        var store = new TaskStore(database, time, loggers.CreateLogger<TaskStore>());
        _executor = new LocalExecutor(
            new LocalExecutorOptions { WorkRoot = Path.Combine(options.DataDir, "work") }, time, loggers.CreateLogger<LocalExecutor>());
        _slots = new SlotPool(() => _monitor?.Current.Surplus.Cpu ?? 1, new TaskServiceOptions().MaxConcurrentTasks);
        _tasks = Track(new TaskService(
            store, _executor, self.ToString(), options.Name, _slots,
            new TaskServiceOptions { CacheDirectory = Path.Combine(options.DataDir, "cache") }, time,
            loggers.CreateLogger<TaskService>())
        {
            Capacity = () => _monitor?.Current.Capacity ?? default,
        });
    }

    /// <summary>Starts the task service (which requeues what a previous run left) once the ledger can take its load.</summary>
    private async Task<(TaskService Service, LocalExecutor Executor)> StartTasksAsync(CancellationToken cancellationToken)
    {
        var service = _tasks!;
        service.LoadChanged += OnTaskLoadChanged;
        await service.StartAsync(cancellationToken).ConfigureAwait(false);
        return (service, _executor!);
    }

    // The service raises this at most once per second; the ledger publishes at once when the state differs.
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
