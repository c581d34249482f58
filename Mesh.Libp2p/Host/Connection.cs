using System.Net.Sockets;
using Mesh.Libp2p.Addressing;
using Mesh.Libp2p.Identity;
using Mesh.Libp2p.Yamux;

namespace Mesh.Libp2p.Host;

/// <summary>One secured, multiplexed connection to a peer, owned by the host.</summary>
internal sealed class Connection : IAsyncDisposable
{
    private readonly Socket _socket;
    // Never disposed: handlers and identify of this connection may still observe its token after it closes,
    // and a CancellationTokenSource without timers holds nothing that needs releasing.
    private readonly CancellationTokenSource _closing = new();
    private int _disposed;

    public Connection(Socket socket, UpgradedConnection upgraded, Multiaddr remoteAddress, ConnectionDirection direction, PeerId localPeer)
    {
        _socket = socket;
        RemotePeer = upgraded.RemotePeer;
        RemotePublicKey = upgraded.RemotePublicKey;
        Session = upgraded.Session;
        RemoteAddress = remoteAddress;
        Direction = direction;
        DialerPeer = direction == ConnectionDirection.Outbound ? localPeer : RemotePeer;
        Closing = _closing.Token;
    }

    public PeerId RemotePeer { get; }

    public PublicKey RemotePublicKey { get; }

    public YamuxSession Session { get; }

    public Multiaddr RemoteAddress { get; }

    public ConnectionDirection Direction { get; }

    /// <summary>The peer that dialed this connection; simultaneous dials keep the one the smaller dialer made.</summary>
    public PeerId DialerPeer { get; }

    /// <summary>Cancelled when the connection starts closing; handlers of its streams observe it.</summary>
    public CancellationToken Closing { get; }

    public bool IsClosing => _closing.IsCancellationRequested;

    /// <summary>
    /// True when this (newer) connection should replace <paramref name="other"/>, an older one to the same peer.
    /// When both ends dialed at once, the connection dialed by the peer with the smaller id wins, so both ends
    /// keep the same one. When one peer dialed both, the newer wins: a peer dials again only when it has given
    /// up on the old connection, which may not have reached this end yet.
    /// </summary>
    public bool WinsOver(Connection other) =>
        DialerPeer == other.DialerPeer || DialerPeer.Bytes.SequenceCompareTo(other.DialerPeer.Bytes) < 0;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _closing.CancelAsync().ConfigureAwait(false);
        try
        {
            await Session.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or Libp2pException or OperationCanceledException or InvalidOperationException)
        {
            // The session could not say goodbye (GoAway) because the transport is gone; closing goes on.
        }
        finally
        {
            _socket.Dispose();
        }
    }
}
