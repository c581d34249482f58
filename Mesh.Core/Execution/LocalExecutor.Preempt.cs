using System.Collections.Concurrent;

namespace Mesh.Core.Execution;

/// <content>Suspending, resuming and throttling running attempts for the machine's owner (docs/isolation.md "Owner first").</content>
public sealed partial class LocalExecutor
{
    private readonly ConcurrentDictionary<string, RunningAttempt> _attempts = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public bool TrySuspend(string attemptId)
    {
        ArgumentNullException.ThrowIfNull(attemptId);
        if (!_attempts.TryGetValue(attemptId, out var attempt))
        {
            return false;
        }

        lock (attempt.Gate)
        {
            if (attempt.Ending)
            {
                return false;
            }

            if (attempt.SuspendedByFreezer is not null)
            {
                return true;
            }

            if (attempt.Cgroup is { CanFreeze: true } cgroup && cgroup.TrySetFrozen(true))
            {
                attempt.SuspendedByFreezer = true;
            }
            else if (TrySignal(attempt.Pid, LibC.SigStop))
            {
                attempt.SuspendedByFreezer = false;
            }
            else
            {
                return false;
            }
        }

        LogSuspended(_logger, attemptId, attempt.SuspendedByFreezer == true ? "freezer" : "SIGSTOP");
        return true;
    }

    /// <inheritdoc />
    public bool TryResume(string attemptId)
    {
        ArgumentNullException.ThrowIfNull(attemptId);
        if (!_attempts.TryGetValue(attemptId, out var attempt))
        {
            return false;
        }

        lock (attempt.Gate)
        {
            Resume(attempt);
        }

        LogResumed(_logger, attemptId);
        return true;
    }

    /// <inheritdoc />
    public bool TryThrottle(string attemptId, double? cores)
    {
        ArgumentNullException.ThrowIfNull(attemptId);
        if (cores is { } c && (!double.IsFinite(c) || c <= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(cores), cores, "A CPU quota must be a finite number of cores above zero.");
        }

        if (!_attempts.TryGetValue(attemptId, out var attempt) || attempt.Cgroup is not { CanThrottle: true } cgroup)
        {
            return false;
        }

        lock (attempt.Gate)
        {
            if (attempt.Ending || !cgroup.TrySetCpuQuota(cores ?? attempt.OwnCpuLimit))
            {
                return false;
            }
        }

        LogThrottled(_logger, attemptId, cores);
        return true;
    }

    /// <summary>Registers a started attempt so it can be suspended; the returned handle is ended with <see cref="EndAttempt"/>.</summary>
    private RunningAttempt BeginAttempt(ExecutionRequest request, int pid, TaskCgroup? cgroup)
    {
        var attempt = new RunningAttempt(pid, cgroup, request.Limits.CpuCores);
        _attempts[request.AttemptId] = attempt;
        return attempt;
    }

    private void EndAttempt(ExecutionRequest request, RunningAttempt attempt)
    {
        PrepareToKill(attempt);
        _ = _attempts.TryRemove(new KeyValuePair<string, RunningAttempt>(request.AttemptId, attempt));
    }

    /// <summary>
    /// Before a kill: no more suspending, and a suspended attempt runs again, so it can handle SIGTERM in its grace
    /// period (a frozen or stopped process would not) and SIGKILL reaches it (a v1-frozen one would stay frozen).
    /// </summary>
    private void PrepareToKill(RunningAttempt? attempt)
    {
        if (attempt is null)
        {
            return;
        }

        lock (attempt.Gate)
        {
            attempt.Ending = true;
            Resume(attempt);
        }
    }

    // Under the attempt's gate. Both ways are undone whatever was used: SIGCONT is harmless to a running group.
    private void Resume(RunningAttempt attempt)
    {
        if (attempt.SuspendedByFreezer is null)
        {
            return;
        }

        if (attempt.SuspendedByFreezer == true)
        {
            attempt.Cgroup?.TrySetFrozen(false);
        }
        else
        {
            Signal(attempt.Pid, LibC.SigCont);
        }

        attempt.SuspendedByFreezer = null;
    }
}
