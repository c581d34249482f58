using System.Buffers.Binary;
using Mesh.Libp2p.Identity;

namespace Mesh.Libp2p.PubSub;

public sealed partial class Gossipsub
{
    private void HandleRpc(GossipPeer peer, GossipRpc rpc)
    {
        if (rpc.Subscriptions.Count > 0)
        {
            List<string>? joined = null;
            lock (_gate)
            {
                foreach (var change in rpc.Subscriptions)
                {
                    if (HandleSubscription(peer, change))
                    {
                        (joined ??= []).Add(change.Topic!);
                    }
                }
            }

            // Raised outside the lock: a handler may publish at once (the ledger does, so a newcomer hears it now).
            foreach (var topic in joined ?? [])
            {
                RaisePeerSubscribed(new TopicPeerEventArgs(topic, peer.Id));
            }
        }

        foreach (var message in rpc.Messages)
        {
            HandleMessage(peer, message);
        }

        if (rpc.Control is { } control && !peer.IsFloodsub)
        {
            HandleControl(peer, control);
        }
    }

    /// <summary>Records a peer's (un)subscription. Caller holds the lock.</summary>
    /// <returns>True when the peer newly subscribed to the topic.</returns>
    private bool HandleSubscription(GossipPeer peer, SubscriptionChange change)
    {
        if (change.Topic is not { } topic)
        {
            return false;
        }

        if (change.Subscribe)
        {
            return peer.Topics.Count < _options.MaxTopicsPerPeer && peer.Topics.Add(topic);
        }

        // Spec v1.0: a peer that leaves a topic leaves our mesh and fanout of it too.
        peer.Topics.Remove(topic);
        if (_mesh.TryGetValue(topic, out var mesh))
        {
            mesh.Remove(peer);
        }

        if (_fanout.TryGetValue(topic, out var fanout))
        {
            fanout.Remove(peer);
        }

        return false;
    }

    private void RaisePeerSubscribed(TopicPeerEventArgs args)
    {
        try
        {
            PeerSubscribed?.Invoke(this, args);
        }
        catch (Exception ex)
        {
            // A subscriber's bug must not take down the stream that delivered the announcement.
            LogBackgroundFailure(_logger, ex);
        }
    }

    /// <summary>Validates (StrictSign, §10.4), deduplicates, delivers and forwards one received message.</summary>
    private void HandleMessage(GossipPeer source, GossipMessage message)
    {
        Statistics.MessageReceived();
        if (message.Data is { Length: var size } && size > _options.MaxMessageSize)
        {
            Statistics.OversizedMessage();
            return;
        }

        lock (_gate)
        {
            if (!_subscriptions.ContainsKey(message.Topic))
            {
                Statistics.UnsubscribedTopic();
                return;
            }

            // A duplicate of a valid message is dropped without verifying it again. A forged message that claims a
            // seen id is dropped too, harmlessly: the genuine one is already here.
            if (TryGetClaimedId(message) is { } claimed && _seen.Contains(KeyOf(claimed)))
            {
                Statistics.Duplicate();
                return;
            }
        }

        var validation = GossipMessageSigning.Validate(message, out var author, out var key);
        if (validation != MessageValidationResult.Valid)
        {
            // Not added to the seen cache: a forgery must not block the genuine message with the same id.
            Statistics.Rejected(validation);
            LogMessageRejected(_logger, source.Id, validation);
            return;
        }

        var id = MessageIds.JsStrictSign(key!, message.Seqno);
        var idKey = KeyOf(id);
        var frame = GossipRpcEncoder.EncodeFramed(GossipRpc.OfMessages(message));
        var delivered = new PubSubMessage(
            message.Topic, author!, message.Data ?? [], BinaryPrimitives.ReadUInt64BigEndian(message.Seqno), id, source.Id);
        lock (_gate)
        {
            if (!_seen.TryAdd(idKey, _time.GetUtcNow()))
            {
                Statistics.Duplicate();
                return;
            }

            _cache.Put(idKey, new CachedMessage(message.Topic, id, frame));
            if (_subscriptions.TryGetValue(message.Topic, out var subscriptions))
            {
                foreach (var subscription in subscriptions)
                {
                    subscription.Deliver(delivered);
                }

                Statistics.MessageDelivered();
            }

            Forward(message.Topic, frame, source.Id, author!);
        }
    }

    /// <summary>Sends a received message on to the topic's mesh and floodsub peers, except its source and author. Caller holds the lock.</summary>
    private void Forward(string topic, byte[] frame, PeerId source, PeerId author)
    {
        var targets = new HashSet<GossipPeer>();
        if (_mesh.TryGetValue(topic, out var mesh))
        {
            targets.UnionWith(mesh);
        }

        targets.UnionWith(_peers.Values.Where(p => p.IsFloodsub && p.Topics.Contains(topic)));
        foreach (var peer in targets)
        {
            if (peer.Id != source && peer.Id != author)
            {
                SendFrame(peer, frame);
            }
        }
    }

    /// <summary>The id the message would have if valid, without verifying it; null when it cannot have one.</summary>
    private static byte[]? TryGetClaimedId(GossipMessage message)
    {
        if (message.Seqno is not { Length: GossipMessageSigning.SeqnoLength } || message.From is null)
        {
            return null;
        }

        if (message.Key is not null)
        {
            return PublicKey.TryParseProtobuf(message.Key, out var key) ? MessageIds.JsStrictSign(key!, message.Seqno) : null;
        }

        return PeerId.TryFromBytes(message.From, out var from) && from!.TryGetInlinePublicKey() is { } inline
            ? MessageIds.JsStrictSign(inline, message.Seqno)
            : null;
    }
}
