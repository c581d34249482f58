namespace Mesh.Core.Tasks.Wire;

/// <summary>Executor to origin: the attempt still runs; extend its lease.</summary>
/// <param name="Attempt">The attempt.</param>
/// <param name="Until">The lease end the executor asks for.</param>
public sealed record LeaseRenewMessage(AttemptId Attempt, DateTimeOffset Until) : TaskMessage
{
    /// <inheritdoc/>
    public override TaskMessageType Type => TaskMessageType.LeaseRenew;
}
