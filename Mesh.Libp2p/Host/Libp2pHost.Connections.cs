using Mesh.Libp2p.Identity;
using Mesh.Libp2p.Multistream;
using Mesh.Libp2p.Yamux;

namespace Mesh.Libp2p.Host;

public sealed partial class Libp2pHost
{
    private readonly Lock _connectionsGate = new();

    /// <summary>
    /// Runs one connection for its whole life: registers it (one connection per peer), serves its inbound
    /// streams until the session ends, then unregisters it. <paramref name="registered"/>, when given,
    /// learns the peer id as soon as the peer is connected (through this connection or a surviving duplicate).
    /// </summary>
    private async Task RunConnectionAsync(Connection connection, Action<PeerId>? registered = null)
    {
        connection.Session.Start();
        if (!TryRegister(connection, out var isFirst))
        {
            LogDuplicateClosed(_logger, connection.RemotePeer, connection.Direction);
            registered?.Invoke(connection.RemotePeer);
            await connection.DisposeAsync().ConfigureAwait(false);
            return;
        }

        registered?.Invoke(connection.RemotePeer);
        LogConnected(_logger, connection.RemotePeer, connection.RemoteAddress, connection.Direction);
        if (isFirst)
        {
            Raise(PeerConnected, new PeerEventArgs(connection.RemotePeer, connection.RemoteAddress, connection.Direction), nameof(PeerConnected));
        }

        _tasks.TryRun(() => IdentifyPeerAsync(connection));
        try
        {
            await AcceptStreamsAsync(connection).ConfigureAwait(false);
        }
        finally
        {
            var wasCurrent = Unregister(connection);
            if (wasCurrent)
            {
                // Forget identify's view together with the connection, not after the dispose: a caller that sees the
                // peer gone from ConnectedPeers must not read stale info, and a replacement connection that identifies
                // while this one is disposed must not lose its fresh info to this removal.
                _peerInfo.TryRemove(connection.RemotePeer, out _);
            }

            await connection.DisposeAsync().ConfigureAwait(false);
            LogDisconnected(_logger, connection.RemotePeer, DescribeSessionEnd(connection.Session));
            if (wasCurrent)
            {
                Raise(PeerDisconnected, new PeerEventArgs(connection.RemotePeer, connection.RemoteAddress, connection.Direction), nameof(PeerDisconnected));
            }
        }
    }

    private bool TryRegister(Connection connection, out bool isFirst)
    {
        Connection? loser = null;
        lock (_connectionsGate)
        {
            isFirst = true;
            if (_connections.TryGetValue(connection.RemotePeer, out var existing) && !existing.IsClosing)
            {
                isFirst = false;
                if (!connection.WinsOver(existing))
                {
                    return false;
                }

                loser = existing;
            }

            _connections[connection.RemotePeer] = connection;
        }

        if (loser is not null)
        {
            // The replaced duplicate's own loop sees it is no longer current and raises no disconnect.
            _tasks.TryRun(async () => await loser.DisposeAsync().ConfigureAwait(false));
        }

        return true;
    }

    private bool Unregister(Connection connection)
    {
        lock (_connectionsGate)
        {
            return _connections.TryRemove(new KeyValuePair<PeerId, Connection>(connection.RemotePeer, connection));
        }
    }

    private async Task AcceptStreamsAsync(Connection connection)
    {
        // Not disposed: handlers still running after the loop ends release into it.
        var slots = new SemaphoreSlim(_options.MaxInboundStreamsPerConnection);
        while (!connection.IsClosing)
        {
            YamuxStream stream;
            try
            {
                stream = await connection.Session.AcceptStreamAsync(connection.Closing).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException || IsPeerFailure(ex))
            {
                return;
            }

            if (!slots.Wait(0))
            {
                LogStreamRefused(_logger, connection.RemotePeer, _options.MaxInboundStreamsPerConnection);
                stream.Abort();
                await stream.DisposeAsync().ConfigureAwait(false);
                continue;
            }

            if (!_tasks.TryRun(() => HandleStreamAsync(connection, stream, slots)))
            {
                stream.Abort();
                await stream.DisposeAsync().ConfigureAwait(false);
                return;
            }
        }
    }

    private async Task HandleStreamAsync(Connection connection, YamuxStream stream, SemaphoreSlim slots)
    {
        try
        {
            string protocol;
            using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(connection.Closing))
            {
                deadline.CancelAfter(_options.ProtocolNegotiationTimeout);
                try
                {
                    protocol = await MultistreamSelect.HandleAsync(stream, _handlers.Keys.ToArray(), deadline.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (IsPeerFailure(ex) || (ex is OperationCanceledException && !connection.IsClosing))
                {
                    LogNegotiationFailed(_logger, connection.RemotePeer, DescribeFailure(ex, deadline.IsCancellationRequested));
                    stream.Abort();
                    return;
                }
            }

            if (!_handlers.TryGetValue(protocol, out var handler))
            {
                stream.Abort();
                return;
            }

            var negotiated = new Libp2pStream(stream, connection.RemotePeer, protocol, connection.Closing);
            try
            {
                await handler(negotiated, connection.Closing).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !connection.IsClosing)
            {
                LogHandlerFailed(_logger, protocol, connection.RemotePeer, ex);
                stream.Abort();
            }
        }
        finally
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            slots.Release();
        }
    }

    /// <inheritdoc/>
    /// <exception cref="Libp2pException">The peer is not connected, or it speaks none of <paramref name="protocols"/>.</exception>
    public async Task<Libp2pStream> OpenStreamAsync(PeerId peer, IReadOnlyList<string> protocols, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (!_connections.TryGetValue(peer, out var connection) || connection.IsClosing)
        {
            throw new Libp2pException($"Not connected to {peer}.");
        }

        var stream = await connection.Session.OpenStreamAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, connection.Closing);
            deadline.CancelAfter(_options.ProtocolNegotiationTimeout);
            var protocol = await MultistreamSelect.SelectAsync(stream, protocols, deadline.Token).ConfigureAwait(false);
            return new Libp2pStream(stream, peer, protocol, connection.Closing);
        }
        catch
        {
            stream.Abort();
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static string DescribeSessionEnd(YamuxSession session) =>
        session.Completion.IsFaulted ? session.Completion.Exception!.InnerException!.Message : "closed";
}
