namespace Mesh.Core.Tasks.Wire;

/// <summary>Origin to executor: it can take <paramref name="Bytes"/> more bytes of output (added to the credit left).</summary>
/// <param name="Attempt">The attempt whose output it is.</param>
/// <param name="Bytes">The additional bytes (not negative).</param>
public sealed record OutputCreditMessage(AttemptId Attempt, long Bytes) : TaskMessage
{
    /// <inheritdoc/>
    public override TaskMessageType Type => TaskMessageType.OutputCredit;
}
