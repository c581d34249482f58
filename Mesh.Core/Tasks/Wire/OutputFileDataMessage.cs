namespace Mesh.Core.Tasks.Wire;

/// <summary>Executor to origin: a chunk of one output file named in the result's manifest; its bytes spend output credit.</summary>
/// <param name="Attempt">The attempt that produced it.</param>
/// <param name="Name">The file's path relative to the working directory.</param>
/// <param name="Offset">The chunk's byte offset in the file.</param>
/// <param name="Data">The bytes.</param>
/// <param name="Last">True on the file's final chunk.</param>
public sealed record OutputFileDataMessage(AttemptId Attempt, string Name, long Offset, ReadOnlyMemory<byte> Data, bool Last) : TaskMessage
{
    /// <inheritdoc/>
    public override TaskMessageType Type => TaskMessageType.OutputFileData;
}
