namespace Mesh.Libp2p.Internal;

/// <summary>
/// Owns background tasks so none is fire-and-forget: each started task is kept until it ends, its
/// failure is reported to a callback, and <see cref="WaitAllAsync"/> awaits whatever is still running on shutdown.
/// </summary>
internal sealed class TaskTracker
{
    private readonly Lock _gate = new();
    private readonly HashSet<Task> _running = [];
    private readonly Action<Exception> _onError;
    private bool _closed;

    /// <summary>Creates a tracker that reports unexpected task failures to <paramref name="onError"/>.</summary>
    public TaskTracker(Action<Exception> onError) => _onError = onError;

    /// <summary>Tasks still running.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _running.Count;
            }
        }
    }

    /// <summary>Starts <paramref name="work"/> and tracks it; false (nothing started) once the tracker is closed.</summary>
    public bool TryRun(Func<Task> work)
    {
        var self = new TaskCompletionSource<Task>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task task;
        lock (_gate)
        {
            if (_closed)
            {
                return false;
            }

            task = RunAsync(self.Task, work);
            _running.Add(task);
        }

        // The body starts only once it is registered, so its own removal can never race its addition.
        self.SetResult(task);
        return true;
    }

    /// <summary>Stops accepting new tasks and waits for the running ones.</summary>
    public async Task WaitAllAsync()
    {
        Task[] pending;
        lock (_gate)
        {
            _closed = true;
            pending = [.. _running];
        }

        await Task.WhenAll(pending).ConfigureAwait(false);
    }

    private async Task RunAsync(Task<Task> self, Func<Task> work)
    {
        var me = await self.ConfigureAwait(false);
        try
        {
            await work().ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Cancellation is how owners stop their tasks; it is not an error.
        }
        catch (Exception ex)
        {
            _onError(ex);
        }
        finally
        {
            lock (_gate)
            {
                _running.Remove(me);
            }
        }
    }
}
