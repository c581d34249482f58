using Mesh.Libp2p.Addressing;
using Mesh.Libp2p.Identity;

namespace Mesh.Libp2p.Discovery;

/// <summary>A peer announced itself by mDNS.</summary>
public sealed class PeerDiscoveredEventArgs(PeerId peer, IReadOnlyList<Multiaddr> addresses) : EventArgs
{
    /// <summary>The peer.</summary>
    public PeerId Peer { get; } = peer;

    /// <summary>Its announced addresses, each ending in /p2p/ with its peer id.</summary>
    public IReadOnlyList<Multiaddr> Addresses { get; } = addresses;
}
