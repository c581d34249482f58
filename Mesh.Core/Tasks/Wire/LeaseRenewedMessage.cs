namespace Mesh.Core.Tasks.Wire;

/// <summary>Origin to executor: the lease is extended.</summary>
/// <param name="Attempt">The attempt.</param>
/// <param name="Until">The lease end the origin granted.</param>
public sealed record LeaseRenewedMessage(AttemptId Attempt, DateTimeOffset Until) : TaskMessage
{
    /// <inheritdoc/>
    public override TaskMessageType Type => TaskMessageType.LeaseRenewed;
}
