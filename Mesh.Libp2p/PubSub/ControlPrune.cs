namespace Mesh.Libp2p.PubSub;

/// <summary>PRUNE: the sender removed the receiver from its mesh of <paramref name="Topic"/> (gossipsub v1.0, PX and backoff v1.1).</summary>
/// <param name="Topic">The topic, or null when absent.</param>
/// <param name="Peers">Peer exchange suggestions (v1.1); empty unless the sender does PX.</param>
/// <param name="BackoffSeconds">How long the receiver must not GRAFT again, in seconds; null when absent (v1.0 peers).</param>
public sealed record ControlPrune(string? Topic, IReadOnlyList<PeerExchangeInfo> Peers, ulong? BackoffSeconds);
