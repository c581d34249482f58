namespace Mesh.Libp2p.PubSub;

/// <summary>A PRUNE's peer exchange entry (gossipsub v1.1 <c>PeerInfo</c>).</summary>
/// <param name="PeerId">The suggested peer's raw id bytes, or null.</param>
/// <param name="SignedPeerRecord">Its signed peer record envelope (wire notes §9.1), or null.</param>
public sealed record PeerExchangeInfo(byte[]? PeerId, byte[]? SignedPeerRecord);
