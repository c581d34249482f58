using Mesh.Libp2p.Addressing;
using Mesh.Libp2p.Identity;

namespace Mesh.Libp2p.Host;

/// <summary>
/// The narrow seam between Mesh and its libp2p: open and handle streams, dial, and peer events.
/// Kept small so that another libp2p implementation (Nethermind.Libp2p) could stand behind it.
/// </summary>
public interface ILibp2pHost : IAsyncDisposable
{
    /// <summary>This host's peer id.</summary>
    PeerId PeerId { get; }

    /// <summary>The addresses the host listens on, with unspecified addresses expanded to the interfaces' addresses.</summary>
    IReadOnlyList<Multiaddr> ListenAddresses { get; }

    /// <summary>The peers with an open connection now.</summary>
    IReadOnlyCollection<PeerId> ConnectedPeers { get; }

    /// <summary>Raised once a connection to a new peer is secured and multiplexed.</summary>
    event EventHandler<PeerEventArgs>? PeerConnected;

    /// <summary>Raised when the last connection to a peer closes.</summary>
    event EventHandler<PeerEventArgs>? PeerDisconnected;

    /// <summary>Raised when identify tells what a connected peer speaks and where it listens.</summary>
    event EventHandler<PeerIdentifiedEventArgs>? PeerIdentified;

    /// <summary>Registers the handler of inbound streams that negotiate <paramref name="protocol"/>; replaces an earlier one.</summary>
    void SetStreamHandler(string protocol, StreamHandler handler);

    /// <summary>Stops accepting streams for <paramref name="protocol"/>.</summary>
    void RemoveStreamHandler(string protocol);

    /// <summary>Connects to a peer at <paramref name="address"/> (reusing a live connection to it) and returns its peer id.</summary>
    Task<PeerId> DialAsync(Multiaddr address, CancellationToken cancellationToken = default);

    /// <summary>Opens a stream to a connected peer, proposing <paramref name="protocols"/> in order.</summary>
    Task<Libp2pStream> OpenStreamAsync(PeerId peer, IReadOnlyList<string> protocols, CancellationToken cancellationToken = default);

    /// <summary>What identify last told about <paramref name="peer"/>, or null before it has run.</summary>
    PeerInfo? GetPeerInfo(PeerId peer);

    /// <summary>
    /// The listen addresses (without /p2p/) that identify last reported for <paramref name="peer"/>, remembered also
    /// after it disconnected, within a bounded address book; false when none are known. The default implementation
    /// knows none.
    /// </summary>
    bool TryGetKnownAddresses(PeerId peer, out IReadOnlyList<Multiaddr> addresses)
    {
        addresses = [];
        return false;
    }

    /// <summary>Closes the connection to <paramref name="peer"/>, if any.</summary>
    Task DisconnectAsync(PeerId peer, CancellationToken cancellationToken = default);
}
