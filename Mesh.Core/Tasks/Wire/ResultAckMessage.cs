namespace Mesh.Core.Tasks.Wire;

/// <summary>Origin to executor: the result is answered; the executor may forget it and its output files.</summary>
/// <param name="Attempt">The attempt.</param>
/// <param name="Task">Its task.</param>
/// <param name="Accepted">True when recorded as the task's result; false when refused as a duplicate or stale attempt.</param>
/// <param name="OriginSignature">
/// The origin's countersignature of the result's compute record (key 3, 64 bytes, docs/protocol.md "Journal"); empty
/// when the origin did not journal it (refused, or no journal on either side).
/// </param>
public sealed record ResultAckMessage(AttemptId Attempt, TaskId Task, bool Accepted, ReadOnlyMemory<byte> OriginSignature = default) : TaskMessage
{
    /// <inheritdoc/>
    public override TaskMessageType Type => TaskMessageType.ResultAck;
}
