namespace Mesh.Core.Tasks.Wire;

/// <summary>Executor to origin: the attempt is accepted and will run.</summary>
/// <param name="Attempt">The attempt accepted.</param>
/// <param name="Task">Its task.</param>
/// <param name="LeaseUntil">When the lease ends unless renewed (the executor's clock, millisecond precision).</param>
public sealed record RunAcceptedMessage(AttemptId Attempt, TaskId Task, DateTimeOffset LeaseUntil) : TaskMessage
{
    /// <inheritdoc/>
    public override TaskMessageType Type => TaskMessageType.RunAccepted;
}
