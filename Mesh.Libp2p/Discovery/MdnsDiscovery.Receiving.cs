using System.Net.Sockets;
using Mesh.Libp2p.Identity;

namespace Mesh.Libp2p.Discovery;

public sealed partial class MdnsDiscovery
{
    private readonly Dictionary<PeerId, KnownPeer> _known = [];
    private readonly Lock _knownGate = new();

    /// <summary>
    /// Handles one received datagram: answers a query for the service (returns the answer to multicast, or null), or reads
    /// another peer's answer (raises <see cref="PeerDiscovered"/> and dials it). Malformed input is counted, never thrown.
    /// </summary>
    internal byte[]? HandlePacket(ReadOnlySpan<byte> packet, string sender)
    {
        Statistics.CountPacket();
        if (packet.Length > _options.MaxPacketSize || !DnsMessageReader.TryRead(packet, out var message))
        {
            Statistics.CountMalformed();
            MdnsLog.Malformed(_logger, packet.Length, sender);
            return null;
        }

        if (MdnsProtocol.IsQueryFor(message, _options.ServiceName))
        {
            return Answer(sender);
        }

        if (MdnsProtocol.TryReadResponse(message, _options.ServiceName, PeerName, _host.PeerId, _options.MaxAddressesPerPeer, out var peer))
        {
            Statistics.CountResponse();
            OnPeerAnswered(peer);
        }

        return null;
    }

    private byte[]? Answer(string sender)
    {
        var answer = MdnsProtocol.BuildResponse(_options.ServiceName, PeerName, _host.ListenAddresses, (uint)_options.RecordTtl.TotalSeconds, _options.MaxPacketSize);
        if (answer is null)
        {
            return null;
        }

        if (!_answerLimiter.TryAcquire())
        {
            Statistics.CountRateLimited();
            MdnsLog.RateLimited(_logger);
            return null;
        }

        Statistics.CountAnswered();
        MdnsLog.Answered(_logger, sender);
        return answer;
    }

    private void OnPeerAnswered(MdnsDiscoveredPeer peer)
    {
        if (IsNewOrChanged(peer))
        {
            MdnsLog.Discovered(_logger, peer.Peer, string.Join(", ", peer.Addresses));
            try
            {
                PeerDiscovered?.Invoke(this, new PeerDiscoveredEventArgs(peer.Peer, peer.Addresses));
            }
            catch (Exception ex)
            {
                MdnsLog.SubscriberFailed(_logger, ex);
            }
        }

        if (_options.DialDiscoveredPeers)
        {
            _dialer.TryDial(peer.Peer, peer.Addresses, _stopping.Token);
        }
    }

    /// <summary>True the first time a peer is seen, when its addresses change, or when its records have expired since.</summary>
    private bool IsNewOrChanged(MdnsDiscoveredPeer peer)
    {
        var now = _time.GetUtcNow();
        lock (_knownGate)
        {
            var changed = !_known.TryGetValue(peer.Peer, out var known)
                || !known.Addresses.SequenceEqual(peer.Addresses)
                || now - known.LastSeen > _options.RecordTtl;
            if (known is null && _known.Count >= _options.MaxTrackedPeers)
            {
                _known.Remove(_known.MinBy(p => p.Value.LastSeen).Key);
            }

            _known[peer.Peer] = new KnownPeer(peer.Addresses, now);
            return changed;
        }
    }

    private async Task ReceiveLoopAsync(MdnsSocket socket, CancellationToken cancellationToken)
    {
        // One byte more than the limit, so an oversized datagram shows as one that filled the buffer.
        var buffer = new byte[_options.MaxPacketSize + 1];
        while (!cancellationToken.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await socket.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.MessageSize or SocketError.ConnectionReset)
            {
                Statistics.CountMalformed();
                continue;
            }
            catch (SocketException ex) when (!cancellationToken.IsCancellationRequested)
            {
                MdnsLog.ReceiveFailed(_logger, socket.Family, ex.SocketErrorCode);
                await Task.Delay(_options.InterfaceCheckInterval, _time, cancellationToken).ConfigureAwait(false);
                continue;
            }
            catch (Exception ex) when (ex is ObjectDisposedException or SocketException && cancellationToken.IsCancellationRequested)
            {
                return;
            }

            var answer = HandlePacket(buffer.AsSpan(0, received.ReceivedBytes), received.RemoteEndPoint.ToString() ?? "?");
            if (answer is not null)
            {
                // On the family the query came in on only: a querier on both families asks on both and gets both answers,
                // and answering every query on every socket doubled the answers, so a crowd starting at once hit the
                // rate limit.
                for (var failures = socket.SendToAll(answer); failures > 0; failures--)
                {
                    Statistics.CountSendFailure();
                }
            }
        }
    }

    private sealed record KnownPeer(IReadOnlyList<Mesh.Libp2p.Addressing.Multiaddr> Addresses, DateTimeOffset LastSeen);
}
