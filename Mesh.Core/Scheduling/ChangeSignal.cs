namespace Mesh.Core.Scheduling;

/// <summary>
/// A version counter that waiters can await: every change bumps it and wakes everyone waiting on an older version.
/// Waiters re-read what they watch after waking, so a missed wake-up is impossible and spurious ones are harmless.
/// </summary>
public sealed class ChangeSignal
{
    private readonly Lock _lock = new();
    private TaskCompletionSource _next = NewSource();
    private long _version;

    /// <summary>The current version.</summary>
    public long Version
    {
        get
        {
            lock (_lock)
            {
                return _version;
            }
        }
    }

    /// <summary>Bumps the version and wakes every waiter.</summary>
    public void Notify()
    {
        TaskCompletionSource woken;
        lock (_lock)
        {
            _version++;
            woken = _next;
            _next = NewSource();
        }

        woken.TrySetResult();
    }

    /// <summary>Completes once the version is past <paramref name="seen"/> (at once when it already is).</summary>
    public Task WaitAsync(long seen, CancellationToken cancellationToken)
    {
        Task next;
        lock (_lock)
        {
            if (_version > seen)
            {
                return Task.CompletedTask;
            }

            next = _next.Task;
        }

        return next.WaitAsync(cancellationToken);
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
