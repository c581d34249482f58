using Mesh.Core.Execution;
using Mesh.Core.Scheduling;
using Mesh.Core.Tasks;
using Mesh.Libp2p.Identity;
using Microsoft.Extensions.Logging;

namespace Mesh.Node;

/// <content>The task side of the node: the database, the executor and the task service, and their load in the ledger.</content>
internal sealed partial class MeshNodeService
{
    private LocalTaskService? _tasks;

    /// <summary>Opens <c>DATA_DIR/tasks.db</c>, probes the executor and starts the task service (which requeues what a previous run left).</summary>
    private async Task<(LocalTaskService Service, LocalExecutor Executor)> StartTasksAsync(PeerId self, CancellationToken cancellationToken)
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

        Track(new DisposeOnStop(database));
        var store = new TaskStore(database, time, loggers.CreateLogger<TaskStore>());
        var executor = new LocalExecutor(
            new LocalExecutorOptions { WorkRoot = Path.Combine(options.DataDir, "work") }, time, loggers.CreateLogger<LocalExecutor>());
        var service = Track(new LocalTaskService(
            store, executor, self.ToString(), options.Name, () => _monitor?.Current.Surplus.Cpu ?? 1,
            new LocalTaskServiceOptions { CacheDirectory = Path.Combine(options.DataDir, "cache") }, time,
            loggers.CreateLogger<LocalTaskService>()));
        await service.StartAsync(cancellationToken).ConfigureAwait(false);
        _tasks = service;
        service.LoadChanged += OnTaskLoadChanged;
        return (service, executor);
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
