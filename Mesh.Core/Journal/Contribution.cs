namespace Mesh.Core.Journal;

/// <summary>
/// A peer's contribution to the mesh, from its journal: what it ran for others, and what others ran for it. Its own
/// tasks run on itself count in neither. A later fair-share policy can favour those who give.
/// </summary>
/// <param name="Given">Transactions it executed for another origin.</param>
/// <param name="Used">Transactions another executor ran for it.</param>
public sealed record Contribution(ResourceSeconds Given, ResourceSeconds Used)
{
    /// <summary>Nothing given, nothing used.</summary>
    public static Contribution None { get; } = new(ResourceSeconds.Zero, ResourceSeconds.Zero);
}
