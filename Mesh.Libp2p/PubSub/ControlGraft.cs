namespace Mesh.Libp2p.PubSub;

/// <summary>GRAFT: the sender added the receiver to its mesh of <paramref name="Topic"/> (gossipsub v1.0).</summary>
/// <param name="Topic">The topic, or null when absent.</param>
public sealed record ControlGraft(string? Topic);
