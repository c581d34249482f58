using System.Diagnostics;

namespace Mesh.Core.Execution;

public sealed partial class LocalExecutor
{
    // Waits for the task's process; on cancel, timeout or a failed sink, kills the tree and says why.
    private async Task<ExecutionOutcome?> WaitOrKillAsync(
        Process process, ExecutionRequest request, TaskCgroup? cgroup, RunningAttempt running, CancellationToken sinkFailed, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _timeProvider);
        if (request.Timeout is { } limit)
        {
            timeout.CancelAfter(limit);
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token, sinkFailed);
        try
        {
            await process.WaitForExitAsync(stop.Token).ConfigureAwait(false);
            return null;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            var reason = timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested
                ? ExecutionOutcome.TimedOut
                : ExecutionOutcome.Cancelled;
            LogKilling(_logger, request.TaskId, request.AttemptId, reason);
            PrepareToKill(running);
            await KillTreeAsync(process, cgroup).ConfigureAwait(false);
            return reason;
        }
    }

    // SIGTERM to the group, a grace period, then SIGKILL to the group and every cgroup member.
    private async Task KillTreeAsync(Process process, TaskCgroup? cgroup)
    {
        Signal(process.Id, LibC.SigTerm);
        using var grace = new CancellationTokenSource(_options.KillGracePeriod, _timeProvider);
        try
        {
            await process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Grace over: SIGKILL below.
        }

        KillLeftovers(process.Id, cgroup);

        // SIGKILL cannot be ignored; the wait ends unless the process is stuck in the kernel.
        await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private void KillLeftovers(int pid, TaskCgroup? cgroup)
    {
        Signal(pid, LibC.SigKill);
        cgroup?.KillAll();
    }

    // With setsid the task leads its own process group (pgid = pid), so -pid reaches every process that stayed in it.
    private void Signal(int pid, int signal) => _ = TrySignal(pid, signal);

    private bool TrySignal(int pid, int signal) => LibC.Kill(_capabilities.Setsid is null ? pid : -pid, signal) == 0;
}
