namespace Mesh.Core.Tasks;

/// <summary>A file an attempt produced and returns to the origin.</summary>
/// <param name="Name">The path relative to the working directory.</param>
/// <param name="Sha256">The SHA-256 of the content, 64 lowercase hex characters.</param>
/// <param name="Size">The size in bytes.</param>
public sealed record TaskOutputFile(string Name, string Sha256, long Size);
