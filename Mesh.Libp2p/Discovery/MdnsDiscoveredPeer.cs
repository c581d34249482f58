using Mesh.Libp2p.Addressing;
using Mesh.Libp2p.Identity;

namespace Mesh.Libp2p.Discovery;

/// <summary>What one mDNS answer said about one peer.</summary>
internal sealed record MdnsDiscoveredPeer(PeerId Peer, IReadOnlyList<Multiaddr> Addresses);
