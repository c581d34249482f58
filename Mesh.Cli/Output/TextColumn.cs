namespace Mesh.Cli.Output;

/// <summary>A column of a <see cref="TextTable"/>.</summary>
/// <param name="Header">The title.</param>
/// <param name="Width">The width in characters.</param>
/// <param name="RightAligned">True for numbers.</param>
public sealed record TextColumn(string Header, int Width, bool RightAligned = false);
