namespace Mesh.Core.Control;

/// <summary>The body of every control API error: one line a person can act on.</summary>
/// <param name="Error">What went wrong and what to do.</param>
public sealed record ErrorView(string Error);
