using Mesh.Libp2p.Addressing;
using Mesh.Libp2p.Identity;
using Mesh.Libp2p.Protocols.Identify;
using Mesh.Libp2p.Protocols.Ping;

namespace Mesh.Libp2p.Host;

public sealed partial class Libp2pHost
{
    /// <summary>The identify protocol id.</summary>
    public const string IdentifyProtocolId = "/ipfs/id/1.0.0";

    /// <summary>The identify-push protocol id.</summary>
    public const string IdentifyPushProtocolId = "/ipfs/id/push/1.0.0";

    /// <summary>The ping protocol id.</summary>
    public const string PingProtocolId = "/ipfs/ping/1.0.0";

    /// <summary>Measures the round trip to a connected peer with the ping protocol.</summary>
    /// <exception cref="Libp2pException">The peer is not connected, refuses ping, or echoes wrong bytes.</exception>
    public async Task<TimeSpan> PingAsync(PeerId peer, CancellationToken cancellationToken = default)
    {
        await using var stream = await OpenStreamAsync(peer, [PingProtocolId], cancellationToken).ConfigureAwait(false);
        var rtt = await PingProtocol.PingAsync(stream, _time, cancellationToken).ConfigureAwait(false);
        await stream.CloseWriteAsync(cancellationToken).ConfigureAwait(false);
        return rtt;
    }

    private void RegisterBuiltInProtocols()
    {
        _handlers[IdentifyProtocolId] = RespondToIdentifyAsync;
        _handlers[IdentifyPushProtocolId] = ReceiveIdentifyPushAsync;
        _handlers[PingProtocolId] = static (stream, ct) => PingProtocol.RespondAsync(stream, ct);
    }

    private Task RespondToIdentifyAsync(Libp2pStream stream, CancellationToken cancellationToken)
    {
        var observed = _connections.TryGetValue(stream.RemotePeer, out var connection) ? connection.RemoteAddress : null;
        return _identify.RespondAsync(stream, BuildIdentify(observed), cancellationToken);
    }

    private async Task ReceiveIdentifyPushAsync(Libp2pStream stream, CancellationToken cancellationToken)
    {
        var push = await _identify.ReceivePushAsync(stream, cancellationToken).ConfigureAwait(false);
        if (_peerInfo.TryGetValue(stream.RemotePeer, out var known))
        {
            Publish(Merge(known, push));
        }
    }

    private async Task IdentifyPeerAsync(Connection connection)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(connection.Closing);
        deadline.CancelAfter(_options.IdentifyTimeout);
        try
        {
            await using var stream = await OpenStreamAsync(connection.RemotePeer, [IdentifyProtocolId], deadline.Token).ConfigureAwait(false);
            var message = await _identify.RequestAsync(stream, deadline.Token).ConfigureAwait(false);
            if (!IdentifyProtocol.TryGetVerifiedKey(message, connection.RemotePeer, out var key))
            {
                LogIdentifyFailed(_logger, connection.RemotePeer, "its public key is missing or is not the connection's peer");
                return;
            }

            Publish(new PeerInfo(
                connection.RemotePeer,
                key,
                message.Protocols,
                ParseAddresses(message.ListenAddrs),
                message.ObservedAddr is { } observed && Multiaddr.TryRead(observed, out var o) ? o : null,
                message.AgentVersion));
        }
        catch (Exception ex) when (IsPeerFailure(ex) || (ex is OperationCanceledException && !connection.IsClosing))
        {
            LogIdentifyFailed(_logger, connection.RemotePeer, DescribeFailure(ex, deadline.IsCancellationRequested));
        }
    }

    private void Publish(PeerInfo info)
    {
        if (!_connections.ContainsKey(info.Peer))
        {
            return;
        }

        _peerInfo[info.Peer] = info;
        _addressBook.Record(info.Peer, info.ListenAddresses);
        LogIdentified(_logger, info.Peer, info.AgentVersion ?? "?", info.Protocols.Count);
        Raise(PeerIdentified, new PeerIdentifiedEventArgs(info), nameof(PeerIdentified));
    }

    private static PeerInfo Merge(PeerInfo known, IdentifyMessage push) => known with
    {
        Protocols = push.Protocols.Count > 0 ? push.Protocols : known.Protocols,
        ListenAddresses = push.ListenAddrs.Count > 0 ? ParseAddresses(push.ListenAddrs) : known.ListenAddresses,
        AgentVersion = push.AgentVersion ?? known.AgentVersion,
    };

    private static Multiaddr[] ParseAddresses(IReadOnlyList<byte[]> addresses) =>
        addresses.Select(a => Multiaddr.TryRead(a, out var m) ? m : null).OfType<Multiaddr>().ToArray();

    private IdentifyMessage BuildIdentify(Multiaddr? observed) => new()
    {
        PublicKey = _identity.PublicKey.ToProtobuf(),
        ListenAddrs = _listenAddresses.Select(a => a.WithoutPeerId().ToBytes()).ToArray(),
        Protocols = _handlers.Keys.Order(StringComparer.Ordinal).ToArray(),
        ObservedAddr = observed?.ToBytes(),
        ProtocolVersion = _options.Identify.ProtocolVersion,
        AgentVersion = _options.Identify.AgentVersion,
    };

    /// <summary>Tells connected peers that speak identify-push about a change of this host's protocols.</summary>
    private void PushIdentifyToPeers()
    {
        if (_started == 0 || _disposed != 0)
        {
            return;
        }

        var message = BuildIdentify(observed: null);
        foreach (var peer in _peerInfo.Values.Where(p => p.Protocols.Contains(IdentifyPushProtocolId)).Select(p => p.Peer))
        {
            _tasks.TryRun(() => PushIdentifyAsync(peer, message));
        }
    }

    private async Task PushIdentifyAsync(PeerId peer, IdentifyMessage message)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        deadline.CancelAfter(_options.IdentifyTimeout);
        try
        {
            await using var stream = await OpenStreamAsync(peer, [IdentifyPushProtocolId], deadline.Token).ConfigureAwait(false);
            await _identify.PushAsync(stream, message, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsPeerFailure(ex) || ex is OperationCanceledException)
        {
            LogIdentifyFailed(_logger, peer, "push: " + DescribeFailure(ex, deadline.IsCancellationRequested));
        }
    }
}
