namespace Mesh.Core.Tasks;

/// <summary>Where a task may run, and what its executor must offer.</summary>
/// <param name="Kind">Anywhere, local only, remote only, or one peer.</param>
/// <param name="Peer">The peer id for <see cref="PlacementKind.OnPeer"/>; null otherwise.</param>
/// <param name="Requirements">Properties the executor must have (null: none).</param>
public sealed record TaskPlacement(PlacementKind Kind = PlacementKind.Any, string? Peer = null, TaskRequirements? Requirements = null)
{
    /// <summary>Anywhere, no requirements.</summary>
    public static TaskPlacement Anywhere { get; } = new();
}
