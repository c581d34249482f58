namespace Mesh.Libp2p.PubSub;

public sealed partial class Gossipsub
{
    private async Task RunHeartbeatAsync(CancellationToken cancellationToken)
    {
        var delay = _options.HeartbeatInitialDelay;
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            delay = _options.HeartbeatInterval;
            lock (_gate)
            {
                Heartbeat();
            }
        }
    }

    /// <summary>One heartbeat (spec v1.0 "heartbeat"): mesh maintenance, fanout upkeep, gossip, cache shift. Caller holds the lock.</summary>
    private void Heartbeat()
    {
        var now = _time.GetUtcNow();
        foreach (var peer in _peers.Values)
        {
            peer.ResetHeartbeatCounters();
        }

        foreach (var expired in _backoff.Where(b => b.Value <= now).Select(b => b.Key).ToArray())
        {
            _backoff.Remove(expired);
        }

        var grafts = new Dictionary<GossipPeer, List<ControlGraft>>();
        var prunes = new Dictionary<GossipPeer, List<ControlPrune>>();
        foreach (var (topic, mesh) in _mesh)
        {
            MaintainMesh(topic, mesh, now, grafts, prunes);
        }

        MaintainFanout(now);
        EmitGossip();
        foreach (var peer in grafts.Keys.Union(prunes.Keys))
        {
            Send(peer, GossipRpc.OfControl(new ControlMessage(
                [], [], grafts.GetValueOrDefault(peer) ?? [], prunes.GetValueOrDefault(peer) ?? [])));
        }

        _cache.Shift();
        _seen.Prune(now);
    }

    private void MaintainMesh(
        string topic,
        HashSet<GossipPeer> mesh,
        DateTimeOffset now,
        Dictionary<GossipPeer, List<ControlGraft>> grafts,
        Dictionary<GossipPeer, List<ControlPrune>> prunes)
    {
        mesh.RemoveWhere(p => !p.Topics.Contains(topic) || !p.SpeaksGossipsub);
        if (mesh.Count < _options.DLow)
        {
            var candidates = Shuffle(EligiblePeers(topic).Where(p => !mesh.Contains(p) && !IsBackingOff(topic, p, now)));
            foreach (var peer in candidates.Take(_options.D - mesh.Count))
            {
                mesh.Add(peer);
                Add(grafts, peer, new ControlGraft(topic));
            }
        }
        else if (mesh.Count > _options.DHigh)
        {
            // Without scores, which peers stay is random (v1.1 would keep the best scored and D_out outbound ones).
            foreach (var peer in Shuffle(mesh).Skip(_options.D).ToArray())
            {
                mesh.Remove(peer);
                _backoff[(topic, peer.Id)] = now + _options.PruneBackoff;
                Add(prunes, peer, new ControlPrune(topic, PeerExchangeFor(topic, peer), (ulong)_options.PruneBackoff.TotalSeconds));
            }
        }
    }

    private void MaintainFanout(DateTimeOffset now)
    {
        foreach (var (topic, last) in _fanoutLastPublish.ToArray())
        {
            if (last + _options.FanoutTtl <= now)
            {
                _fanoutLastPublish.Remove(topic);
                _fanout.Remove(topic);
            }
        }

        foreach (var (topic, fanout) in _fanout)
        {
            fanout.RemoveWhere(p => !p.Topics.Contains(topic) || p.Outbound is null);
            if (fanout.Count < _options.D)
            {
                fanout.UnionWith(Shuffle(EligiblePeers(topic).Where(p => !fanout.Contains(p))).Take(_options.D - fanout.Count));
            }
        }
    }

    /// <summary>IHAVE to D_lazy peers outside the mesh (or fanout) of each topic, with the ids of the recent cache windows.</summary>
    private void EmitGossip()
    {
        foreach (var (topic, excluded) in _mesh.Concat(_fanout))
        {
            var ids = _cache.GetGossipIds(topic);
            if (ids.Count == 0)
            {
                continue;
            }

            if (ids.Count > _options.MaxIHaveLength)
            {
                ids = [.. Shuffle(ids).Take(_options.MaxIHaveLength)];
            }

            var frame = GossipRpcEncoder.EncodeFramed(GossipRpc.OfControl(new ControlMessage([new ControlIHave(topic, ids)], [], [], [])));
            foreach (var peer in Shuffle(EligiblePeers(topic).Where(p => !excluded.Contains(p))).Take(_options.DLazy))
            {
                SendFrame(peer, frame);
            }
        }
    }

    /// <summary>Peers subscribed to <paramref name="topic"/> that can take part in its mesh. Caller holds the lock.</summary>
    private IEnumerable<GossipPeer> EligiblePeers(string topic) =>
        _peers.Values.Where(p => p.SpeaksGossipsub && p.Topics.Contains(topic));

    private static T[] Shuffle<T>(IEnumerable<T> items)
    {
        var array = items.ToArray();
        Random.Shared.Shuffle(array);
        return array;
    }

    private static void Add<T>(Dictionary<GossipPeer, List<T>> map, GossipPeer peer, T item)
    {
        if (!map.TryGetValue(peer, out var list))
        {
            map[peer] = list = [];
        }

        list.Add(item);
    }
}
