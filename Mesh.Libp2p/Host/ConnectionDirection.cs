namespace Mesh.Libp2p.Host;

/// <summary>Which side opened a connection.</summary>
public enum ConnectionDirection
{
    /// <summary>The remote peer dialed this host.</summary>
    Inbound,

    /// <summary>This host dialed the remote peer.</summary>
    Outbound,
}
