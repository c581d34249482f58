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
}
