namespace Mesh.Libp2p.PubSub;

/// <summary>Protocol ids and constants of pubsub (wire notes §10.1, §10.4).</summary>
public static class GossipProtocols
{
    /// <summary>Gossipsub v1.1, the version this router speaks.</summary>
    public const string MeshSub11 = "/meshsub/1.1.0";

    /// <summary>Gossipsub v1.0: no PX or backoff in PRUNE, otherwise the same wire format.</summary>
    public const string MeshSub10 = "/meshsub/1.0.0";

    /// <summary>Floodsub: subscriptions and messages only, no control.</summary>
    public const string FloodSub = "/floodsub/1.0.0";

    /// <summary>
    /// What this router accepts and proposes, best first. /meshsub/1.2.0 (IDONTWANT) is deliberately absent, so a
    /// js peer proposing it gets <c>na</c> and falls back to 1.1.0 (§10.1).
    /// </summary>
    public static IReadOnlyList<string> All { get; } = [MeshSub11, MeshSub10, FloodSub];

    /// <summary>The StrictSign signature prefix, UTF-8 "libp2p-pubsub:".</summary>
    public static ReadOnlySpan<byte> SignaturePrefix => "libp2p-pubsub:"u8;
}
