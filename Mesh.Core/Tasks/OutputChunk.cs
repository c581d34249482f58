namespace Mesh.Core.Tasks;

/// <summary>One stored chunk of a task's output.</summary>
/// <param name="Sequence">Its position in the task's output across streams and attempts; read on after it to follow.</param>
/// <param name="Attempt">The attempt that wrote it.</param>
/// <param name="Stream">Stdout, stderr or a Mesh notice.</param>
/// <param name="Offset">Its byte offset within that attempt's stream.</param>
/// <param name="Data">The bytes.</param>
public sealed record OutputChunk(long Sequence, AttemptId Attempt, OutputStreamKind Stream, long Offset, byte[] Data);
