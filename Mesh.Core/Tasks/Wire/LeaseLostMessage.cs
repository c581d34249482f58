namespace Mesh.Core.Tasks.Wire;

/// <summary>Origin to executor: the attempt is no longer current (its lease ran out, or the task was cancelled or re-queued); the executor must kill it and drop its result.</summary>
/// <param name="Attempt">The attempt.</param>
/// <param name="Message">Why, for people.</param>
public sealed record LeaseLostMessage(AttemptId Attempt, string Message) : TaskMessage
{
    /// <inheritdoc/>
    public override TaskMessageType Type => TaskMessageType.LeaseLost;
}
