using Mesh.Libp2p.Host;
using Mesh.Libp2p.Identity;
using Mesh.Libp2p.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mesh.Libp2p.PubSub;

/// <summary>
/// A gossipsub v1.1 router (falling back to v1.0 and floodsub) over an <see cref="ILibp2pHost"/>: StrictSign
/// messages with js message ids, mesh maintenance, fanout, IHAVE/IWANT gossip and flood protection.
/// Scoring is not implemented: misbehaviour is ignored and counted in <see cref="Statistics"/>, not scored.
/// </summary>
public sealed partial class Gossipsub : IAsyncDisposable
{
    private readonly ILibp2pHost _host;
    private readonly IdentityKey _identity;
    private readonly GossipsubOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TaskTracker _tasks;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<PeerId, GossipPeer> _peers = [];
    private readonly Dictionary<string, List<TopicSubscription>> _subscriptions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<GossipPeer>> _mesh = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<GossipPeer>> _fanout = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _fanoutLastPublish = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Topic, PeerId Peer), DateTimeOffset> _backoff = [];
    private readonly SeenCache _seen;
    private readonly MessageCache _cache;
    private int _inboundReaders;
    private TaskCompletionSource? _readersDone;
    private long _seqno;
    private int _started;
    private int _disposed;

    /// <summary>Creates a router; call <see cref="StartAsync"/> to register its protocols and start the heartbeat.</summary>
    /// <exception cref="ArgumentException">An option is out of range (the message names it).</exception>
    public Gossipsub(ILibp2pHost host, IdentityKey identity, GossipsubOptions options, TimeProvider? time = null, ILogger? logger = null)
    {
        options.Validate();
        if (identity.PeerId != host.PeerId)
        {
            throw new ArgumentException("The identity must be the host's.", nameof(identity));
        }

        _host = host;
        _identity = identity;
        _options = options;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _tasks = new TaskTracker(ex => LogBackgroundFailure(_logger, ex));
        _seen = new SeenCache(options.SeenTtl);
        _cache = new MessageCache(options.MessageCacheLength, options.MessageCacheGossip);

        // js seeds its seqno counter from wall-clock nanoseconds so a restarted node keeps increasing (§10.4).
        _seqno = _time.GetUtcNow().ToUnixTimeMilliseconds() * 1_000_000;
    }

    /// <summary>
    /// Raised when a remote peer announces a subscription it did not have, outside the router's lock and on the
    /// thread reading that peer's stream: handlers must be quick (they may publish).
    /// </summary>
    public event EventHandler<TopicPeerEventArgs>? PeerSubscribed;

    /// <summary>Counters of what was received, dropped and why.</summary>
    public GossipsubStatistics Statistics { get; } = new();

    /// <summary>Registers the pubsub protocols with the host, starts talking to pubsub peers and starts the heartbeat.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        cancellationToken.ThrowIfCancellationRequested();
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("The router is already started.");
        }

        _host.PeerIdentified += OnPeerIdentified;
        _host.PeerDisconnected += OnPeerDisconnected;
        foreach (var protocol in GossipProtocols.All)
        {
            _host.SetStreamHandler(protocol, HandleInboundStreamAsync);
        }

        foreach (var peer in _host.ConnectedPeers)
        {
            if (_host.GetPeerInfo(peer) is { } info && SpeaksPubSub(info))
            {
                AddPeer(peer);
            }
        }

        _tasks.TryRun(() => RunHeartbeatAsync(_stopping.Token));
        return Task.CompletedTask;
    }

    /// <summary>
    /// Subscribes to <paramref name="topic"/>. The first subscription of a topic announces it to every peer and
    /// joins its mesh; disposing the last one leaves it.
    /// </summary>
    public TopicSubscription Subscribe(string topic)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        var subscription = new TopicSubscription(topic, _options.SubscriptionQueueCapacity, LeaveAsync);
        lock (_gate)
        {
            if (_subscriptions.TryGetValue(topic, out var existing))
            {
                existing.Add(subscription);
                return subscription;
            }

            _subscriptions[topic] = [subscription];
            Join(topic);
        }

        LogJoined(_logger, topic);
        return subscription;
    }

    /// <summary>The peers in this router's mesh of <paramref name="topic"/> now.</summary>
    public IReadOnlyList<PeerId> GetMeshPeers(string topic)
    {
        lock (_gate)
        {
            return _mesh.TryGetValue(topic, out var mesh) ? [.. mesh.Select(p => p.Id)] : [];
        }
    }

    /// <summary>The peers known to subscribe to <paramref name="topic"/> now.</summary>
    public IReadOnlyList<PeerId> GetTopicPeers(string topic)
    {
        lock (_gate)
        {
            return [.. _peers.Values.Where(p => p.Topics.Contains(topic)).Select(p => p.Id)];
        }
    }

    /// <summary>Unregisters the protocols, stops the heartbeat, every peer writer and reader, and waits for them.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_started != 0)
        {
            _host.PeerIdentified -= OnPeerIdentified;
            _host.PeerDisconnected -= OnPeerDisconnected;
            foreach (var protocol in GossipProtocols.All)
            {
                _host.RemoveStreamHandler(protocol);
            }
        }

        GossipPeer[] peers;
        Task readers;
        lock (_gate)
        {
            peers = [.. _peers.Values];
            _peers.Clear();
            foreach (var subscription in _subscriptions.Values.SelectMany(s => s))
            {
                subscription.Complete();
            }

            _subscriptions.Clear();
            _readersDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_inboundReaders == 0)
            {
                _readersDone.SetResult();
            }

            readers = _readersDone.Task;
        }

        foreach (var peer in peers)
        {
            StopPeer(peer);
        }

        await _tasks.WaitAllAsync().ConfigureAwait(false);
        await readers.ConfigureAwait(false);
        _stopping.Dispose();
    }

    private static bool SpeaksPubSub(PeerInfo info) => info.Protocols.Any(p => GossipProtocols.All.Contains(p));

    private static string KeyOf(ReadOnlySpan<byte> messageId) => Convert.ToHexString(messageId);
}
