namespace Mesh.Core.Tasks.Wire;

/// <summary>Executor to origin: the attempt will not run here.</summary>
/// <param name="Attempt">The attempt refused.</param>
/// <param name="Task">Its task.</param>
/// <param name="Reason">The reason code (an unknown code from a newer peer is kept as its number).</param>
/// <param name="Message">A short explanation for people.</param>
public sealed record RunRefusedMessage(AttemptId Attempt, TaskId Task, RunRefusalReason Reason, string Message) : TaskMessage
{
    /// <inheritdoc/>
    public override TaskMessageType Type => TaskMessageType.RunRefused;
}
