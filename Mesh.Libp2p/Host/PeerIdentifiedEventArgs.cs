namespace Mesh.Libp2p.Host;

/// <summary>Identify finished for a connected peer.</summary>
public sealed class PeerIdentifiedEventArgs(PeerInfo info) : EventArgs
{
    /// <summary>What the peer said about itself.</summary>
    public PeerInfo Info { get; } = info;
}
