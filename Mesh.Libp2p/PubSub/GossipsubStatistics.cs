namespace Mesh.Libp2p.PubSub;

/// <summary>Counters of a <see cref="Gossipsub"/> router, updated atomically; read them at any time.</summary>
public sealed class GossipsubStatistics
{
    private long _messagesReceived;
    private long _messagesDelivered;
    private long _messagesPublished;
    private long _duplicateMessages;
    private long _unsignedMessages;
    private long _invalidSignatures;
    private long _badAuthors;
    private long _oversizedMessages;
    private long _unsubscribedTopicMessages;
    private long _malformedRpcs;
    private long _oversizedFrames;
    private long _droppedOutbound;
    private long _iHaveFloods;
    private long _iWantFloods;
    private long _graftFloods;
    private long _peerExchangeSent;
    private long _peerExchangeReceived;
    private long _peerExchangeIgnored;
    private long _peerExchangeDropped;
    private long _peerExchangeInvalid;
    private long _peerExchangeSkipped;
    private long _peerExchangeUnknownAddress;
    private long _peerExchangeInvalidRecords;
    private long _peerExchangeDials;
    private long _peerExchangeConnected;
    private long _peerExchangeDialFailures;

    /// <summary>Messages received from peers (before validation and deduplication).</summary>
    public long MessagesReceived => Volatile.Read(ref _messagesReceived);

    /// <summary>New valid messages handed to local subscriptions.</summary>
    public long MessagesDelivered => Volatile.Read(ref _messagesDelivered);

    /// <summary>Messages this router published.</summary>
    public long MessagesPublished => Volatile.Read(ref _messagesPublished);

    /// <summary>Valid messages dropped because they were already seen.</summary>
    public long DuplicateMessages => Volatile.Read(ref _duplicateMessages);

    /// <summary>Messages dropped for a missing signature, seqno or author, or a seqno that is not 8 bytes.</summary>
    public long UnsignedMessages => Volatile.Read(ref _unsignedMessages);

    /// <summary>Messages dropped because the signature does not verify (forged).</summary>
    public long InvalidSignatures => Volatile.Read(ref _invalidSignatures);

    /// <summary>Messages dropped because the author id or key is invalid or they disagree.</summary>
    public long BadAuthors => Volatile.Read(ref _badAuthors);

    /// <summary>Messages dropped because the payload is over <see cref="GossipsubOptions.MaxMessageSize"/>.</summary>
    public long OversizedMessages => Volatile.Read(ref _oversizedMessages);

    /// <summary>Messages ignored because this router is not subscribed to their topic.</summary>
    public long UnsubscribedTopicMessages => Volatile.Read(ref _unsubscribedTopicMessages);

    /// <summary>Received RPC frames that did not decode or broke a list limit.</summary>
    public long MalformedRpcs => Volatile.Read(ref _malformedRpcs);

    /// <summary>Received RPC frames over <see cref="GossipRpcLimits.MaxRpcSize"/>, discarded unread.</summary>
    public long OversizedFrames => Volatile.Read(ref _oversizedFrames);

    /// <summary>RPCs dropped because a peer's outbound queue was full.</summary>
    public long DroppedOutbound => Volatile.Read(ref _droppedOutbound);

    /// <summary>IHAVE entries ignored over <see cref="GossipsubOptions.MaxIHaveMessages"/> or the IWANT id budget.</summary>
    public long IHaveFloods => Volatile.Read(ref _iHaveFloods);

    /// <summary>IWANT entries or retransmissions refused over the per-heartbeat and per-message limits.</summary>
    public long IWantFloods => Volatile.Read(ref _iWantFloods);

    /// <summary>GRAFTs ignored over <see cref="GossipsubOptions.MaxGraftsPerHeartbeat"/> or refused during a backoff.</summary>
    public long GraftFloods => Volatile.Read(ref _graftFloods);

    /// <summary>Peers suggested (PX) in the PRUNEs this router sent.</summary>
    public long PeerExchangeSent => Volatile.Read(ref _peerExchangeSent);

    /// <summary>PX entries received in PRUNEs that are acted on (the sender was in our mesh of the topic).</summary>
    public long PeerExchangeReceived => Volatile.Read(ref _peerExchangeReceived);

    /// <summary>PX entries ignored: the sender was not in our mesh of the topic, or <see cref="GossipsubOptions.AcceptPeerExchange"/> is off.</summary>
    public long PeerExchangeIgnored => Volatile.Read(ref _peerExchangeIgnored);

    /// <summary>Accepted PX entries not looked at: beyond PrunePeers in one PRUNE, or over the pending dial limit.</summary>
    public long PeerExchangeDropped => Volatile.Read(ref _peerExchangeDropped);

    /// <summary>Accepted PX entries without a valid peer id, or naming this host.</summary>
    public long PeerExchangeInvalid => Volatile.Read(ref _peerExchangeInvalid);

    /// <summary>Accepted PX entries naming a peer already connected, already being dialed, or named twice in one PRUNE.</summary>
    public long PeerExchangeSkipped => Volatile.Read(ref _peerExchangeSkipped);

    /// <summary>Accepted PX entries naming a peer whose addresses the host does not know, without a signed peer record.</summary>
    public long PeerExchangeUnknownAddress => Volatile.Read(ref _peerExchangeUnknownAddress);

    /// <summary>Accepted PX entries naming a peer of unknown address whose signed peer record is malformed, not signed by that peer, or lists no address.</summary>
    public long PeerExchangeInvalidRecords => Volatile.Read(ref _peerExchangeInvalidRecords);

    /// <summary>Dials started because of PX.</summary>
    public long PeerExchangeDials => Volatile.Read(ref _peerExchangeDials);

    /// <summary>PX dials that connected.</summary>
    public long PeerExchangeConnections => Volatile.Read(ref _peerExchangeConnected);

    /// <summary>PX dials that failed at every known address.</summary>
    public long PeerExchangeDialFailures => Volatile.Read(ref _peerExchangeDialFailures);

    internal void MessageReceived() => Interlocked.Increment(ref _messagesReceived);

    internal void MessageDelivered() => Interlocked.Increment(ref _messagesDelivered);

    internal void MessagePublished() => Interlocked.Increment(ref _messagesPublished);

    internal void Duplicate() => Interlocked.Increment(ref _duplicateMessages);

    internal void Rejected(MessageValidationResult result)
    {
        switch (result)
        {
            case MessageValidationResult.NotSigned or MessageValidationResult.BadSequenceNumber:
                Interlocked.Increment(ref _unsignedMessages);
                break;
            case MessageValidationResult.InvalidSignature:
                Interlocked.Increment(ref _invalidSignatures);
                break;
            case MessageValidationResult.BadAuthor:
                Interlocked.Increment(ref _badAuthors);
                break;
        }
    }

    internal void OversizedMessage() => Interlocked.Increment(ref _oversizedMessages);

    internal void UnsubscribedTopic() => Interlocked.Increment(ref _unsubscribedTopicMessages);

    internal void MalformedRpc() => Interlocked.Increment(ref _malformedRpcs);

    internal void OversizedFrame() => Interlocked.Increment(ref _oversizedFrames);

    internal void OutboundDropped() => Interlocked.Increment(ref _droppedOutbound);

    internal void IHaveFlood() => Interlocked.Increment(ref _iHaveFloods);

    internal void IWantFlood() => Interlocked.Increment(ref _iWantFloods);

    internal void GraftFlood() => Interlocked.Increment(ref _graftFloods);

    internal void CountPeerExchangeSent(int count) => Interlocked.Add(ref _peerExchangeSent, count);

    internal void CountPeerExchangeReceived(int count) => Interlocked.Add(ref _peerExchangeReceived, count);

    internal void CountPeerExchangeIgnored(int count) => Interlocked.Add(ref _peerExchangeIgnored, count);

    internal void CountPeerExchangeDropped(int count) => Interlocked.Add(ref _peerExchangeDropped, count);

    internal void CountPeerExchangeInvalid() => Interlocked.Increment(ref _peerExchangeInvalid);

    internal void CountPeerExchangeSkipped() => Interlocked.Increment(ref _peerExchangeSkipped);

    internal void CountPeerExchangeUnknownAddress() => Interlocked.Increment(ref _peerExchangeUnknownAddress);

    internal void CountPeerExchangeInvalidRecord() => Interlocked.Increment(ref _peerExchangeInvalidRecords);

    internal void CountPeerExchangeDial() => Interlocked.Increment(ref _peerExchangeDials);

    internal void CountPeerExchangeConnected() => Interlocked.Increment(ref _peerExchangeConnected);

    internal void CountPeerExchangeDialFailed() => Interlocked.Increment(ref _peerExchangeDialFailures);
}
