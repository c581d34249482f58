namespace Mesh.Core.Tasks.Wire;

/// <summary>Executor to origin: how the attempt ended; the executor keeps it until a <see cref="ResultAckMessage"/>.</summary>
/// <param name="Attempt">The attempt.</param>
/// <param name="Task">Its task.</param>
/// <param name="Result">The end reason, exit code or signal, usage and output file manifest.</param>
/// <param name="Journal">The executor-signed compute record (key 8); null when the executor keeps no journal.</param>
public sealed record RunResultMessage(AttemptId Attempt, TaskId Task, TaskResult Result, RunResultJournal? Journal = null) : TaskMessage
{
    /// <inheritdoc/>
    public override TaskMessageType Type => TaskMessageType.RunResult;
}
