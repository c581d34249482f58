using Mesh.Core.Tasks;

namespace Mesh.Core.Execution;

/// <summary>How an execution becomes a task's result, alike for the tasks a node runs for itself and for guests.</summary>
public static class ExecutionResultExtensions
{
    /// <summary>The task result of <paramref name="result"/>, an attempt of <paramref name="spec"/>.</summary>
    /// <param name="result">How the process ended.</param>
    /// <param name="spec">What was run (its timeout goes into the message).</param>
    /// <param name="outputs">The output files returned.</param>
    /// <param name="outputProblem">Why output files could not be returned, which then is the message; null when they could.</param>
    public static TaskResult ToTaskResult(this ExecutionResult result, TaskSpec spec, IReadOnlyList<TaskOutputFile> outputs, string? outputProblem)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(spec);
        var signaled = result.Outcome == ExecutionOutcome.Exited && result.Signal is not null;
        var reason = result.Outcome switch
        {
            ExecutionOutcome.Exited => signaled ? TaskEndReason.Signaled : TaskEndReason.Exited,
            ExecutionOutcome.TimedOut => TaskEndReason.TimedOut,
            ExecutionOutcome.Cancelled => TaskEndReason.Cancelled,
            ExecutionOutcome.MemoryLimit => TaskEndReason.LimitExceeded,
            _ => TaskEndReason.StartFailed,
        };
        var message = outputProblem ?? result.Outcome switch
        {
            ExecutionOutcome.FailedToStart => result.FailureReason,
            ExecutionOutcome.TimedOut => $"timed out after {spec.Timeout}",
            ExecutionOutcome.MemoryLimit => "stopped by its memory limit",
            _ => null,
        };
        return new TaskResult
        {
            Reason = reason,
            ExitCode = reason == TaskEndReason.Exited ? result.ExitCode : null,
            Signal = reason is TaskEndReason.Signaled or TaskEndReason.TimedOut or TaskEndReason.Cancelled ? result.Signal : null,
            Message = message,
            Usage = new TaskUsage(result.WallTime, (result.Usage.UserCpu ?? TimeSpan.Zero) + (result.Usage.SystemCpu ?? TimeSpan.Zero), result.Usage.MaxMemoryBytes ?? 0),
            Outputs = outputs,
        };
    }
}
