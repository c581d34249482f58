namespace Mesh.Core.Execution;

/// <summary>Runs one task's process on this machine, isolated as far as the machine allows.</summary>
public interface ILocalExecutor
{
    /// <summary>What isolation is enforced here (probed once at start).</summary>
    IsolationReport Isolation { get; }

    /// <summary>
    /// Runs the request to its end and reports what happened. Cancelling <paramref name="cancellationToken"/> kills
    /// the task's whole process tree and returns a <see cref="ExecutionOutcome.Cancelled"/> result (it does not throw).
    /// The output sink has received every chunk when this completes.
    /// </summary>
    /// <exception cref="ArgumentException">The request is malformed (empty argv, bad ids or environment names).</exception>
    Task<ExecutionResult> ExecuteAsync(ExecutionRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Suspends the running attempt <paramref name="attemptId"/> (it keeps its memory but gets no CPU) until
    /// <see cref="TryResume"/>: the cgroup freezer where the attempt has one, else SIGSTOP to its process group.
    /// False when no such attempt runs here, it is ending, or this executor cannot suspend.
    /// </summary>
    /// <param name="attemptId">The <see cref="ExecutionRequest.AttemptId"/> of a running attempt.</param>
    bool TrySuspend(string attemptId) => false;

    /// <summary>Resumes an attempt <see cref="TrySuspend"/> suspended (thaw, or SIGCONT). False when no such attempt runs here.</summary>
    /// <param name="attemptId">The <see cref="ExecutionRequest.AttemptId"/> of a running attempt.</param>
    bool TryResume(string attemptId) => false;

    /// <summary>
    /// Sets the most CPU the running attempt may use to <paramref name="cores"/> (its cgroup CPU quota); null gives it
    /// back its own limit (<see cref="ExecutionLimits.CpuCores"/>, or none). False when no such attempt runs here or it
    /// has no cpu cgroup.
    /// </summary>
    /// <param name="attemptId">The <see cref="ExecutionRequest.AttemptId"/> of a running attempt.</param>
    /// <param name="cores">The quota in cores (more than 0), or null for the attempt's own limit.</param>
    bool TryThrottle(string attemptId, double? cores) => false;
}
