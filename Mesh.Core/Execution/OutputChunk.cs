using OutputStreamKind = Mesh.Core.Tasks.OutputStreamKind;

namespace Mesh.Core.Execution;

/// <summary>A piece of a task's output, in the order the task wrote it to that stream.</summary>
/// <param name="Stream">The stream it came from.</param>
/// <param name="Offset">Where in that stream the chunk starts (bytes written to the stream before it).</param>
/// <param name="Data">The bytes; the chunk owns them, so a sink may keep them.</param>
public readonly record struct OutputChunk(OutputStreamKind Stream, long Offset, ReadOnlyMemory<byte> Data);
