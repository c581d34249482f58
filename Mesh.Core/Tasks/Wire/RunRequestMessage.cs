namespace Mesh.Core.Tasks.Wire;

/// <summary>Origin to executor: run <paramref name="Attempt"/> of <paramref name="Task"/>.</summary>
/// <param name="Attempt">The fresh attempt id the origin made for this start.</param>
/// <param name="Task">The task.</param>
/// <param name="Spec">What to run. The decoder checks its shape and limits; the executor still runs <see cref="TaskSpecValidator"/> and refuses a bad one with <see cref="RunRefusalReason.BadSpec"/>.</param>
/// <param name="Lease">How long a lease the origin grants per renewal (more than zero).</param>
public sealed record RunRequestMessage(AttemptId Attempt, TaskId Task, TaskSpec Spec, TimeSpan Lease) : TaskMessage
{
    /// <inheritdoc/>
    public override TaskMessageType Type => TaskMessageType.RunRequest;
}
