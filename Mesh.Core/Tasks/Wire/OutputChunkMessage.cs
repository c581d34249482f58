namespace Mesh.Core.Tasks.Wire;

/// <summary>Executor to origin: a chunk of the attempt's stdout or stderr; its bytes spend output credit.</summary>
/// <param name="Attempt">The attempt that wrote it.</param>
/// <param name="Stream">Stdout, stderr or a Mesh notice.</param>
/// <param name="Offset">The chunk's byte offset in that stream of the attempt.</param>
/// <param name="Data">The bytes.</param>
public sealed record OutputChunkMessage(AttemptId Attempt, OutputStreamKind Stream, long Offset, ReadOnlyMemory<byte> Data) : TaskMessage
{
    /// <inheritdoc/>
    public override TaskMessageType Type => TaskMessageType.OutputChunk;
}
