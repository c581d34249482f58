namespace Mesh.Libp2p.PubSub;

public sealed partial class Gossipsub
{
    /// <summary>The longest backoff honoured from a peer's PRUNE; a larger claim cannot overflow our clock arithmetic.</summary>
    private static readonly TimeSpan MaxAcceptedBackoff = TimeSpan.FromDays(1);

    private void HandleControl(GossipPeer peer, ControlMessage control)
    {
        var iwant = new List<byte[]>();
        var prunes = new List<ControlPrune>();
        var exchanges = new List<IReadOnlyList<PeerExchangeInfo>>();
        lock (_gate)
        {
            foreach (var ihave in control.IHave)
            {
                HandleIHave(peer, ihave, iwant);
            }

            foreach (var want in control.IWant)
            {
                HandleIWant(peer, want);
            }

            foreach (var graft in control.Graft)
            {
                HandleGraft(peer, graft, prunes);
            }

            foreach (var prune in control.Prune)
            {
                if (HandlePrune(peer, prune))
                {
                    exchanges.Add(prune.Peers);
                }
            }

            if (iwant.Count > 0 || prunes.Count > 0)
            {
                var reply = new ControlMessage([], iwant.Count > 0 ? [new ControlIWant(iwant)] : [], [], prunes);
                Send(peer, GossipRpc.OfControl(reply));
            }
        }

        // Dialing asks the host, which raises events: outside the lock.
        foreach (var suggested in exchanges)
        {
            ConnectExchangedPeers(suggested);
        }
    }

    /// <summary>IHAVE (spec v1.0, flood limits v1.1): ask for unseen ids of our topics, within the per-heartbeat budgets.</summary>
    private void HandleIHave(GossipPeer peer, ControlIHave ihave, List<byte[]> iwant)
    {
        if (++peer.IHavesThisHeartbeat > _options.MaxIHaveMessages)
        {
            Statistics.IHaveFlood();
            return;
        }

        if (ihave.Topic is null || !_subscriptions.ContainsKey(ihave.Topic))
        {
            return;
        }

        foreach (var id in ihave.MessageIds)
        {
            if (peer.IdsAskedThisHeartbeat >= _options.MaxIHaveLength)
            {
                Statistics.IHaveFlood();
                return;
            }

            if (!_seen.Contains(KeyOf(id)))
            {
                peer.IdsAskedThisHeartbeat++;
                iwant.Add(id);
            }
        }
    }

    /// <summary>IWANT: answer from the message cache, each message at most gossip_retransmission times per peer.</summary>
    private void HandleIWant(GossipPeer peer, ControlIWant want)
    {
        if (++peer.IWantsThisHeartbeat > _options.MaxIWantMessages)
        {
            Statistics.IWantFlood();
            return;
        }

        foreach (var id in want.MessageIds)
        {
            if (!_cache.TryGet(KeyOf(id), out var cached))
            {
                continue;
            }

            var served = cached!.Served.GetValueOrDefault(peer.Id) + 1;
            if (served > _options.GossipRetransmission)
            {
                Statistics.IWantFlood();
                continue;
            }

            cached.Served[peer.Id] = served;
            SendFrame(peer, cached.Frame);
        }
    }

    /// <summary>
    /// GRAFT (spec v1.0; backoff v1.1): accept into the mesh unless the topic is not ours (ignored, as go and js do),
    /// the peer is backing off (refused with PRUNE and counted, without PX: a misbehaving peer gets no suggestions,
    /// as in go), or the mesh is at D_hi (refused with PRUNE, with PX when enabled).
    /// </summary>
    private void HandleGraft(GossipPeer peer, ControlGraft graft, List<ControlPrune> prunes)
    {
        if (++peer.GraftsThisHeartbeat > _options.MaxGraftsPerHeartbeat)
        {
            Statistics.GraftFlood();
            return;
        }

        if (graft.Topic is not { } topic || !_mesh.TryGetValue(topic, out var mesh) || mesh.Contains(peer))
        {
            return;
        }

        var now = _time.GetUtcNow();
        var backingOff = IsBackingOff(topic, peer, now);
        if (backingOff)
        {
            Statistics.GraftFlood();
        }

        if (backingOff || mesh.Count >= _options.DHigh)
        {
            _backoff[(topic, peer.Id)] = now + _options.PruneBackoff;
            var suggested = backingOff ? [] : PeerExchangeFor(topic, peer);
            prunes.Add(new ControlPrune(topic, suggested, (ulong)_options.PruneBackoff.TotalSeconds));
            return;
        }

        mesh.Add(peer);
        LogGrafted(_logger, peer.Id, topic);
    }

    /// <summary>
    /// PRUNE (v1.1): leave the peer's mesh and do not GRAFT it again for the backoff plus a heartbeat of slack.
    /// True when its PX should be acted on (see <see cref="AcceptsPeerExchange"/>).
    /// </summary>
    private bool HandlePrune(GossipPeer peer, ControlPrune prune)
    {
        if (prune.Topic is not { } topic || !_mesh.TryGetValue(topic, out var mesh))
        {
            return AcceptsPeerExchange(prune, wasInMesh: false);
        }

        var wasInMesh = mesh.Remove(peer);
        var backoff = prune.BackoffSeconds is { } seconds
            ? TimeSpan.FromSeconds(Math.Min(seconds, (ulong)MaxAcceptedBackoff.TotalSeconds))
            : _options.PruneBackoff;
        _backoff[(topic, peer.Id)] = _time.GetUtcNow() + backoff + _options.HeartbeatInterval;
        LogPruned(_logger, peer.Id, topic, backoff);
        return AcceptsPeerExchange(prune, wasInMesh);
    }

    private bool IsBackingOff(string topic, GossipPeer peer, DateTimeOffset now) =>
        _backoff.TryGetValue((topic, peer.Id), out var until) && until > now;
}
