using Mesh.Libp2p.Addressing;
using Mesh.Libp2p.Identity;

namespace Mesh.Libp2p.Host;

/// <summary>A peer connected or disconnected.</summary>
public sealed class PeerEventArgs(PeerId peer, Multiaddr remoteAddress, ConnectionDirection direction) : EventArgs
{
    /// <summary>The peer.</summary>
    public PeerId Peer { get; } = peer;

    /// <summary>The peer's address as this host sees the connection.</summary>
    public Multiaddr RemoteAddress { get; } = remoteAddress;

    /// <summary>Who dialed.</summary>
    public ConnectionDirection Direction { get; } = direction;
}
