namespace Mesh.Core.Execution;

/// <summary>A file staged into the attempt's working directory before the task starts.</summary>
/// <param name="Name">Where it goes, relative to the working directory (no <c>..</c>, not absolute).</param>
/// <param name="SourcePath">The absolute path of the content (normally a read-only file of the node's input cache).</param>
public sealed record ExecutionInput(string Name, string SourcePath);
