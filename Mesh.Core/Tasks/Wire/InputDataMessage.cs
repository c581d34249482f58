namespace Mesh.Core.Tasks.Wire;

/// <summary>Origin to executor: one chunk of an input's content, content-addressed by its SHA-256.</summary>
/// <param name="Attempt">The attempt that asked for it.</param>
/// <param name="Sha256">The content's SHA-256 (64 lowercase hex characters).</param>
/// <param name="Offset">The chunk's byte offset in the content.</param>
/// <param name="Data">The bytes.</param>
/// <param name="Last">True on the content's final chunk.</param>
public sealed record InputDataMessage(AttemptId Attempt, string Sha256, long Offset, ReadOnlyMemory<byte> Data, bool Last) : TaskMessage
{
    /// <inheritdoc/>
    public override TaskMessageType Type => TaskMessageType.InputData;
}
