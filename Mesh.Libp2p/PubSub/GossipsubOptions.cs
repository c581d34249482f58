namespace Mesh.Libp2p.PubSub;

/// <summary>
/// Settings of a <see cref="Gossipsub"/> router. Defaults follow the gossipsub v1.1 spec and js-libp2p
/// (wire notes §10.7) unless said otherwise.
/// </summary>
public sealed class GossipsubOptions
{
    /// <summary>Target mesh degree D. Default 6.</summary>
    public int D { get; set; } = 6;

    /// <summary>Below this many mesh peers the heartbeat grafts up to <see cref="D"/>. Default 4.</summary>
    public int DLow { get; set; } = 4;

    /// <summary>Above this many mesh peers the heartbeat prunes down to <see cref="D"/>. Default 12.</summary>
    public int DHigh { get; set; } = 12;

    /// <summary>Peers outside the mesh that receive IHAVE gossip per topic each heartbeat. Default 6.</summary>
    public int DLazy { get; set; } = 6;

    /// <summary>Time between heartbeats. Default 1 s.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Time before the first heartbeat. Default 100 ms (as js).</summary>
    public TimeSpan HeartbeatInitialDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long fanout peers of a topic published to but not subscribed are kept after the last publish. Default 60 s.</summary>
    public TimeSpan FanoutTtl { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Heartbeats a message stays in the message cache (answerable by IWANT). Default 5.</summary>
    public int MessageCacheLength { get; set; } = 5;

    /// <summary>The most recent heartbeats whose messages are advertised in IHAVE. Default 3; at most <see cref="MessageCacheLength"/>.</summary>
    public int MessageCacheGossip { get; set; } = 3;

    /// <summary>How long a message id is remembered to drop duplicates. Default 2 min.</summary>
    public TimeSpan SeenTtl { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Backoff announced in, and honoured after, a PRUNE. Default 60 s.</summary>
    public TimeSpan PruneBackoff { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Backoff announced when pruning because this router left the topic. Default 10 s.</summary>
    public TimeSpan UnsubscribeBackoff { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The largest message payload published or accepted. Default 1 MiB (the spec's suggestion).</summary>
    public int MaxMessageSize { get; set; } = 1024 * 1024;

    /// <summary>The most message ids advertised in one IHAVE, and asked of one peer by IWANT per heartbeat. Default 5000.</summary>
    public int MaxIHaveLength { get; set; } = 5000;

    /// <summary>IHAVE entries accepted from one peer per heartbeat; more are ignored and counted as a flood. Default 10.</summary>
    public int MaxIHaveMessages { get; set; } = 10;

    /// <summary>IWANT entries answered for one peer per heartbeat; more are ignored and counted as a flood. Default 10.</summary>
    public int MaxIWantMessages { get; set; } = 10;

    /// <summary>Times one message is sent to one peer in answer to IWANT (the spec's gossip_retransmission). Default 3.</summary>
    public int GossipRetransmission { get; set; } = 3;

    /// <summary>
    /// GRAFT entries accepted from one peer per heartbeat; more are ignored and counted as a flood. Not a spec
    /// parameter: scoring would penalise instead. Default 64.
    /// </summary>
    public int MaxGraftsPerHeartbeat { get; set; } = 64;

    /// <summary>RPCs queued for one peer's writer; when full, new RPCs to that peer are dropped and counted. Default 1024.</summary>
    public int MaxOutboundQueueLength { get; set; } = 1024;

    /// <summary>Messages buffered per subscription; when full the oldest is dropped and counted. Default 1024.</summary>
    public int SubscriptionQueueCapacity { get; set; } = 1024;

    /// <summary>Topics remembered per peer; further subscriptions from that peer are ignored. Default 5000.</summary>
    public int MaxTopicsPerPeer { get; set; } = 5000;

    /// <summary>Send own messages to every peer subscribed to the topic, not only the mesh (js default). Default true.</summary>
    public bool FloodPublish { get; set; } = true;

    /// <summary>
    /// Peer exchange (v1.1 "doPX"): a PRUNE sent to a /meshsub/1.1.0 peer because our mesh is over
    /// <see cref="DHigh"/>, or refusing its GRAFT into a full mesh, lists up to <see cref="PrunePeers"/> other peers
    /// of the topic by id (no signed peer records: this host does not produce them). Default false, as js and go:
    /// meant for well connected, trusted nodes such as bootstrappers, since every PRUNE then invites new connections.
    /// </summary>
    public bool DoPeerExchange { get; set; }

    /// <summary>
    /// Act on the peers listed in a PRUNE, dialing those not connected at the addresses the host knows from identify,
    /// or else at those of the entry's signed peer record once its signature verifies. Without
    /// scoring, PX is accepted only from a peer that was in our mesh of that topic (v1.1 accepts it above
    /// acceptPXThreshold). Default true.
    /// </summary>
    public bool AcceptPeerExchange { get; set; } = true;

    /// <summary>Peers listed in a PRUNE we send, and the most dialed for one PRUNE we receive (spec PrunePeers). Default 16.</summary>
    public int PrunePeers { get; set; } = 16;

    /// <summary>Peer exchange dials in flight at once, over all PRUNEs; entries beyond it are dropped and counted. Default 32.</summary>
    public int MaxPendingPeerExchangeDials { get; set; } = 32;

    /// <summary>Time allowed to open the outbound stream to a peer. Default 10 s.</summary>
    public TimeSpan StreamOpenTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Decode limits of received RPCs. Default: js's (4 MiB RPC, 5000 per list, 16 PX peers).</summary>
    public GossipRpcLimits RpcLimits { get; } = new();

    /// <summary>
    /// The settings mesh-node should use: the defaults (D = 6, D_lo = 4, as the spec and js) but D_hi = 7. With
    /// D_hi = 12 meshes grow towards D_hi, and at 16 peers each peer receives 6.9 to 8.8 copies beyond the first of
    /// every message, over the limit of D; with D_hi = 8 it is 5.3 to 6.0 (at the limit when every pair is
    /// connected, as on one LAN); with D_hi = 7, 4.4 to 5.4, every message still delivered (bench/README.md,
    /// "Gossip"). The cost: more GRAFTs refused (with PRUNE and its backoff), less redundancy, and in a sparse graph
    /// a peer with few connections may wait out a backoff (60 s) before its mesh reaches D_lo. D_out, the outbound
    /// mesh quota, is not implemented, so there is none to adjust.
    /// </summary>
    public static GossipsubOptions ForLan() => new() { DHigh = 7 };

    /// <summary>Throws if a setting is out of range; the message names the option.</summary>
    public void Validate()
    {
        RequireAtLeast(D, 1, nameof(D));
        RequireAtLeast(DLow, 0, nameof(DLow));
        RequireAtLeast(DLazy, 0, nameof(DLazy));
        if (DLow > D || DHigh < D)
        {
            throw new ArgumentOutOfRangeException(nameof(D), D, $"{nameof(GossipsubOptions)} needs {nameof(DLow)} <= {nameof(D)} <= {nameof(DHigh)}.");
        }

        RequirePositive(HeartbeatInterval, nameof(HeartbeatInterval));
        RequirePositive(HeartbeatInitialDelay, nameof(HeartbeatInitialDelay));
        RequirePositive(FanoutTtl, nameof(FanoutTtl));
        RequirePositive(SeenTtl, nameof(SeenTtl));
        RequirePositive(PruneBackoff, nameof(PruneBackoff));
        RequirePositive(UnsubscribeBackoff, nameof(UnsubscribeBackoff));
        RequirePositive(StreamOpenTimeout, nameof(StreamOpenTimeout));
        RequireAtLeast(MessageCacheLength, 1, nameof(MessageCacheLength));
        RequireAtLeast(MessageCacheGossip, 0, nameof(MessageCacheGossip));
        if (MessageCacheGossip > MessageCacheLength)
        {
            throw new ArgumentOutOfRangeException(nameof(MessageCacheGossip), MessageCacheGossip, $"{nameof(GossipsubOptions)}.{nameof(MessageCacheGossip)} must not exceed {nameof(MessageCacheLength)}.");
        }

        RequireAtLeast(MaxMessageSize, 0, nameof(MaxMessageSize));
        RequireAtLeast(MaxIHaveLength, 1, nameof(MaxIHaveLength));
        RequireAtLeast(MaxIHaveMessages, 1, nameof(MaxIHaveMessages));
        RequireAtLeast(MaxIWantMessages, 1, nameof(MaxIWantMessages));
        RequireAtLeast(GossipRetransmission, 1, nameof(GossipRetransmission));
        RequireAtLeast(MaxGraftsPerHeartbeat, 1, nameof(MaxGraftsPerHeartbeat));
        RequireAtLeast(MaxOutboundQueueLength, 1, nameof(MaxOutboundQueueLength));
        RequireAtLeast(SubscriptionQueueCapacity, 1, nameof(SubscriptionQueueCapacity));
        RequireAtLeast(MaxTopicsPerPeer, 1, nameof(MaxTopicsPerPeer));
        RequireAtLeast(PrunePeers, 0, nameof(PrunePeers));
        RequireAtLeast(MaxPendingPeerExchangeDials, 1, nameof(MaxPendingPeerExchangeDials));
        RpcLimits.Validate();
        if (MaxMessageSize >= RpcLimits.MaxRpcSize)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxMessageSize), MaxMessageSize, $"{nameof(GossipsubOptions)}.{nameof(MaxMessageSize)} must be below {nameof(RpcLimits)}.{nameof(GossipRpcLimits.MaxRpcSize)}.");
        }
    }

    private static void RequireAtLeast(int value, int minimum, string name)
    {
        if (value < minimum)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{nameof(GossipsubOptions)}.{name} must be at least {minimum}.");
        }
    }

    private static void RequirePositive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{nameof(GossipsubOptions)}.{name} must be positive.");
        }
    }
}
