namespace Mesh.Core.Tasks;

/// <summary>An input file staged into the task's working directory, content-addressed by its SHA-256.</summary>
/// <param name="Name">The path relative to the working directory (no absolute path, no <c>..</c>, no NUL).</param>
/// <param name="Sha256">The SHA-256 of the content, 64 lowercase hex characters.</param>
/// <param name="Size">The size in bytes.</param>
public sealed record TaskInputFile(string Name, string Sha256, long Size);
