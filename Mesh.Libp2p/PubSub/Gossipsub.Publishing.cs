namespace Mesh.Libp2p.PubSub;

public sealed partial class Gossipsub
{
    /// <summary>
    /// Signs and publishes <paramref name="data"/> to <paramref name="topic"/>: to every subscribed peer with
    /// <see cref="GossipsubOptions.FloodPublish"/> (js default), else to the mesh or fanout. Unlike js
    /// (allowPublishToZeroTopicPeers = false), publishing when no peer subscribes succeeds and sends nothing:
    /// the message still enters the cache and is gossiped to peers that subscribe within a few heartbeats.
    /// The message is not delivered to this router's own subscriptions (js emitSelf = false).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="data"/> is over <see cref="GossipsubOptions.MaxMessageSize"/>.</exception>
    public Task PublishAsync(string topic, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        cancellationToken.ThrowIfCancellationRequested();
        if (data.Length > _options.MaxMessageSize)
        {
            throw new ArgumentException($"The message is {data.Length} bytes; {nameof(GossipsubOptions)}.{nameof(GossipsubOptions.MaxMessageSize)} is {_options.MaxMessageSize}.", nameof(data));
        }

        var message = GossipMessageSigning.Sign(_identity, topic, data.Span, (ulong)Interlocked.Increment(ref _seqno));
        var id = MessageIds.JsStrictSign(_identity.PublicKey, message.Seqno);
        var idKey = KeyOf(id);
        var frame = GossipRpcEncoder.EncodeFramed(GossipRpc.OfMessages(message));
        int sent;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            _seen.TryAdd(idKey, now);
            _cache.Put(idKey, new CachedMessage(topic, id, frame));
            var targets = new HashSet<GossipPeer>(_peers.Values.Where(p => p.IsFloodsub && p.Topics.Contains(topic)));
            if (_options.FloodPublish)
            {
                targets.UnionWith(_peers.Values.Where(p => p.Outbound is not null && p.Topics.Contains(topic)));
            }
            else if (_mesh.TryGetValue(topic, out var mesh))
            {
                targets.UnionWith(mesh);
            }

            if (!_subscriptions.ContainsKey(topic))
            {
                // Spec v1.0 fanout: keep D peers of a topic we publish to without joining it, for gossip (and for
                // sending when flood publishing is off).
                if (!_fanout.TryGetValue(topic, out var fanout))
                {
                    _fanout[topic] = fanout = [.. Shuffle(EligiblePeers(topic)).Take(_options.D)];
                }

                _fanoutLastPublish[topic] = now;
                targets.UnionWith(fanout);
            }

            foreach (var peer in targets)
            {
                SendFrame(peer, frame);
            }

            sent = targets.Count;
        }

        Statistics.MessagePublished();
        LogPublished(_logger, topic, data.Length, sent);
        return Task.CompletedTask;
    }

    /// <summary>Joins <paramref name="topic"/> (spec v1.0 JOIN): announce it, adopt fanout peers, fill the mesh to D and GRAFT. Caller holds the lock.</summary>
    private void Join(string topic)
    {
        var announce = GossipRpc.OfSubscriptions(new SubscriptionChange(true, topic));
        foreach (var peer in _peers.Values)
        {
            Send(peer, announce);
        }

        var now = _time.GetUtcNow();
        var mesh = new HashSet<GossipPeer>();
        if (_fanout.Remove(topic, out var fanout))
        {
            _fanoutLastPublish.Remove(topic);
            mesh.UnionWith(fanout.Where(p => p.SpeaksGossipsub && p.Topics.Contains(topic) && !IsBackingOff(topic, p, now)));
        }

        mesh.UnionWith(Shuffle(EligiblePeers(topic).Where(p => !mesh.Contains(p) && !IsBackingOff(topic, p, now))).Take(Math.Max(0, _options.D - mesh.Count)));
        _mesh[topic] = mesh;
        var graft = GossipRpc.OfControl(new ControlMessage([], [], [new ControlGraft(topic)], []));
        foreach (var peer in mesh)
        {
            Send(peer, graft);
        }
    }

    /// <summary>Removes a subscription; the last one of a topic leaves it (spec v1.0 LEAVE: PRUNE the mesh with the unsubscribe backoff, then announce).</summary>
    private ValueTask LeaveAsync(TopicSubscription subscription)
    {
        lock (_gate)
        {
            if (!_subscriptions.TryGetValue(subscription.Topic, out var list) || !list.Remove(subscription) || list.Count > 0)
            {
                return ValueTask.CompletedTask;
            }

            var topic = subscription.Topic;
            _subscriptions.Remove(topic);
            if (_mesh.Remove(topic, out var mesh))
            {
                var until = _time.GetUtcNow() + _options.UnsubscribeBackoff;
                var prune = GossipRpc.OfControl(new ControlMessage([], [], [], [new ControlPrune(topic, [], (ulong)_options.UnsubscribeBackoff.TotalSeconds)]));
                foreach (var peer in mesh)
                {
                    _backoff[(topic, peer.Id)] = until;
                    Send(peer, prune);
                }
            }

            var announce = GossipRpc.OfSubscriptions(new SubscriptionChange(false, topic));
            foreach (var peer in _peers.Values)
            {
                Send(peer, announce);
            }
        }

        LogLeft(_logger, subscription.Topic);
        return ValueTask.CompletedTask;
    }
}
