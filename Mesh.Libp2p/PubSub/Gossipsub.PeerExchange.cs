using Mesh.Libp2p.Addressing;
using Mesh.Libp2p.Identity;

namespace Mesh.Libp2p.PubSub;

public sealed partial class Gossipsub
{
    /// <summary>Peers being dialed because a PRUNE named them; guarded by the lock. At most one dial per peer.</summary>
    private readonly HashSet<PeerId> _peerExchangeDials = [];

    /// <summary>
    /// The PX list of a PRUNE to <paramref name="pruned"/> (spec v1.1 "PRUNE Backoff and Peer Exchange"): up to
    /// PrunePeers other gossipsub peers of <paramref name="topic"/>, by id only: this host has no signed peer record
    /// to attach. Empty unless <see cref="GossipsubOptions.DoPeerExchange"/> is on and the peer speaks v1.1 (v1.0
    /// PRUNEs carry no PX). Caller holds the lock.
    /// </summary>
    private PeerExchangeInfo[] PeerExchangeFor(string topic, GossipPeer pruned)
    {
        if (!_options.DoPeerExchange || _options.PrunePeers == 0 || pruned.Protocol != GossipProtocols.MeshSub11)
        {
            return [];
        }

        var suggested = Shuffle(EligiblePeers(topic).Where(p => p != pruned))
            .Take(_options.PrunePeers)
            .Select(p => new PeerExchangeInfo(p.Id.Bytes.ToArray(), null))
            .ToArray();
        Statistics.CountPeerExchangeSent(suggested.Length);
        return suggested;
    }

    /// <summary>
    /// Whether the PX of <paramref name="prune"/> is acted on. v1.1 trusts PX only from peers scored
    /// above acceptPXThreshold; without scoring the rule is that the sender was in our mesh of the topic, so a
    /// stranger cannot make us dial. Entries not acted on are counted. Caller holds the lock.
    /// </summary>
    private bool AcceptsPeerExchange(ControlPrune prune, bool wasInMesh)
    {
        if (prune.Peers.Count == 0)
        {
            return false;
        }

        if (!wasInMesh || !_options.AcceptPeerExchange)
        {
            Statistics.CountPeerExchangeIgnored(prune.Peers.Count);
            return false;
        }

        Statistics.CountPeerExchangeReceived(prune.Peers.Count);
        return true;
    }

    /// <summary>
    /// Dials the peers a PRUNE suggested that are not connected, at the addresses the host knows from identify or
    /// else those of the entry's signed peer record (verified; at most PrunePeers of them): at most PrunePeers
    /// entries of one PRUNE are looked at (a random sample, as go does), each peer is dialed at most once at a time,
    /// and no more than MaxPendingPeerExchangeDials run at once. Called without the lock.
    /// </summary>
    private void ConnectExchangedPeers(IReadOnlyList<PeerExchangeInfo> suggested)
    {
        var sample = suggested.Count > _options.PrunePeers ? Shuffle(suggested).Take(_options.PrunePeers).ToArray() : suggested;
        Statistics.CountPeerExchangeDropped(suggested.Count - sample.Count);
        var connected = _host.ConnectedPeers.ToHashSet();
        var named = new HashSet<PeerId>();
        foreach (var entry in sample)
        {
            if (entry.PeerId is null || !PeerId.TryFromBytes(entry.PeerId, out var parsed) || parsed is not { } id || id == _host.PeerId)
            {
                Statistics.CountPeerExchangeInvalid();
                continue;
            }

            if (!named.Add(id) || connected.Contains(id))
            {
                Statistics.CountPeerExchangeSkipped();
                continue;
            }

            if (!_host.TryGetKnownAddresses(id, out var addresses) || addresses.Count == 0)
            {
                // No address from identify: the entry's signed peer record, if any, certifies where the peer listens.
                if (entry.SignedPeerRecord is null)
                {
                    Statistics.CountPeerExchangeUnknownAddress();
                    continue;
                }

                if (!SignedPeerRecord.TryReadAddresses(entry.SignedPeerRecord, id, _options.PrunePeers, out var certified) || certified.Length == 0)
                {
                    Statistics.CountPeerExchangeInvalidRecord();
                    continue;
                }

                addresses = certified;
            }

            TryStartExchangeDial(id, addresses);
        }
    }

    private void TryStartExchangeDial(PeerId peer, IReadOnlyList<Multiaddr> addresses)
    {
        lock (_gate)
        {
            if (_stopping.IsCancellationRequested || _peerExchangeDials.Contains(peer))
            {
                Statistics.CountPeerExchangeSkipped();
                return;
            }

            if (_peerExchangeDials.Count >= _options.MaxPendingPeerExchangeDials)
            {
                Statistics.CountPeerExchangeDropped(1);
                return;
            }

            _peerExchangeDials.Add(peer);
        }

        if (_tasks.TryRun(() => DialExchangedPeerAsync(peer, addresses, _stopping.Token)))
        {
            Statistics.CountPeerExchangeDial();
            return;
        }

        lock (_gate)
        {
            _peerExchangeDials.Remove(peer);
        }
    }

    /// <summary>Tries the peer's known addresses in turn until one connects; identify then makes it a pubsub peer as usual.</summary>
    private async Task DialExchangedPeerAsync(PeerId peer, IReadOnlyList<Multiaddr> addresses, CancellationToken cancellationToken)
    {
        try
        {
            var reason = "no address";
            foreach (var address in addresses)
            {
                try
                {
                    await _host.DialAsync(address.WithPeerId(peer), cancellationToken).ConfigureAwait(false);
                    Statistics.CountPeerExchangeConnected();
                    LogPeerExchangeConnected(_logger, peer, address);
                    return;
                }
                catch (Exception ex) when (ex is Libp2pException or ArgumentException or IOException or ObjectDisposedException && !cancellationToken.IsCancellationRequested)
                {
                    reason = ex.Message;
                }
            }

            Statistics.CountPeerExchangeDialFailed();
            LogPeerExchangeDialFailed(_logger, peer, reason);
        }
        catch (Exception ex) when ((ex is OperationCanceledException or ObjectDisposedException) && cancellationToken.IsCancellationRequested)
        {
            // The router stopped.
        }
        finally
        {
            lock (_gate)
            {
                _peerExchangeDials.Remove(peer);
            }
        }
    }
}
