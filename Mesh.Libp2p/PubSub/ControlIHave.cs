namespace Mesh.Libp2p.PubSub;

/// <summary>IHAVE: the sender has these recent messages of <paramref name="Topic"/> (gossipsub v1.0).</summary>
/// <param name="Topic">The topic, or null when absent.</param>
/// <param name="MessageIds">The message ids.</param>
public sealed record ControlIHave(string? Topic, IReadOnlyList<byte[]> MessageIds);
