using System.Diagnostics;
using Mesh.Libp2p.Addressing;
using Mesh.Libp2p.Host;
using Mesh.Libp2p.Identity;
using Mesh.Libp2p.Pnet;
using Mesh.Libp2p.PubSub;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mesh.Bench;

/// <summary>
/// N in-process hosts on loopback, with a mesh key as <c>mesh-node</c> uses, each running gossipsub subscribed to
/// one topic, connected by static dials as a sparse random graph (no mDNS: multicast stays out of the root namespace).
/// </summary>
public sealed class GossipSwarm : IAsyncDisposable
{
    /// <summary>The topic every host subscribes to.</summary>
    public const string Topic = "/mesh/bench/gossip/1.0.0";

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(120);

    private readonly Libp2pHost[] _hosts;
    private readonly Gossipsub[] _routers;
    private readonly TopicSubscription[] _subscriptions;
    private readonly GossipsubOptions _options;
    private int _disposed;

    private GossipSwarm(Libp2pHost[] hosts, Gossipsub[] routers, TopicSubscription[] subscriptions, GossipsubOptions options)
    {
        _hosts = hosts;
        _routers = routers;
        _subscriptions = subscriptions;
        _options = options;
    }

    /// <summary>The routers, by host index.</summary>
    public IReadOnlyList<Gossipsub> Routers => _routers;

    /// <summary>The topic subscriptions, by host index.</summary>
    public IReadOnlyList<TopicSubscription> Subscriptions => _subscriptions;

    /// <summary>The router settings every host uses.</summary>
    public GossipsubOptions Options => _options;

    /// <summary>
    /// Starts <paramref name="peers"/> listening hosts with their routers subscribed; nothing is dialled yet. Every
    /// router uses <paramref name="options"/>.
    /// </summary>
    public static async Task<GossipSwarm> StartAsync(int peers, GossipsubOptions options)
    {
        var psk = PreSharedKey.Generate();

        var hosts = new Libp2pHost[peers];
        var routers = new Gossipsub[peers];
        var subscriptions = new TopicSubscription[peers];
        for (var i = 0; i < peers; i++)
        {
            var identity = IdentityKey.Generate();
            var hostOptions = new Libp2pHostOptions { PreSharedKey = psk };
            hostOptions.ListenAddresses.Add(Multiaddr.Parse("/ip4/127.0.0.1/tcp/0"));
            hosts[i] = new Libp2pHost(identity, hostOptions);
            await hosts[i].StartAsync().ConfigureAwait(false);
            routers[i] = new Gossipsub(hosts[i], identity, options, TimeProvider.System, NullLogger.Instance);
            await routers[i].StartAsync().ConfigureAwait(false);
            subscriptions[i] = routers[i].Subscribe(Topic);
        }

        return new GossipSwarm(hosts, routers, subscriptions, options);
    }

    /// <summary>
    /// Plans the dials: a random ring (so the graph is connected) plus random extra dials, 4 to 6 dials per host
    /// in all, never twice between the same pair.
    /// </summary>
    public static IReadOnlyList<(int From, int To)> PlanEdges(int peers, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var order = Enumerable.Range(0, peers).ToArray();
        random.Shuffle(order);
        var edges = new HashSet<(int, int)>();
        var result = new List<(int From, int To)>();
        void Add(int from, int to)
        {
            if (from != to && edges.Add((Math.Min(from, to), Math.Max(from, to))))
            {
                result.Add((from, to));
            }
        }

        for (var i = 0; i < peers; i++)
        {
            Add(order[i], order[(i + 1) % peers]);
        }

        for (var from = 0; from < peers; from++)
        {
            var dials = Math.Min(peers - 1, random.Next(4, 7));
            for (var attempt = 0; attempt < 20 * dials && result.Count(e => e.From == from) < dials; attempt++)
            {
                Add(from, random.Next(peers));
            }
        }

        return result;
    }

    /// <summary>
    /// Dials every planned edge at once and waits until every host has its planned connections, then until every
    /// host has min(D_lo, its degree) mesh peers. Times are milliseconds from the first dial. A host counts as
    /// connected when its own <see cref="Libp2pHost.PeerConnected"/> events have named all its planned neighbours
    /// (events, not polling, so measuring takes no CPU from the hosts); the process CPU time spent until the last
    /// host is connected is returned too, to show whether connecting is CPU-bound.
    /// </summary>
    public async Task<GossipConnectTimes> ConnectAsync(IReadOnlyList<(int From, int To)> edges)
    {
        var neighbours = new HashSet<PeerId>[_hosts.Length];
        for (var i = 0; i < _hosts.Length; i++)
        {
            neighbours[i] = [];
        }

        foreach (var (from, to) in edges)
        {
            neighbours[from].Add(_hosts[to].PeerId);
            neighbours[to].Add(_hosts[from].PeerId);
        }

        var connectedMs = new double[_hosts.Length];
        Array.Fill(connectedMs, double.NaN);
        var remaining = _hosts.Length;
        var allConnected = new TaskCompletionSource<(double Ms, TimeSpan Cpu, TimeSpan GcPause, long Allocated)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var handlers = new EventHandler<PeerEventArgs>[_hosts.Length];
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var gcPauseBefore = GC.GetTotalPauseDuration();
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < _hosts.Length; i++)
        {
            var host = i;
            var missing = new HashSet<PeerId>(neighbours[i]);
            handlers[i] = (_, e) =>
            {
                lock (missing)
                {
                    if (!missing.Remove(e.Peer) || missing.Count > 0)
                    {
                        return;
                    }
                }

                connectedMs[host] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (Interlocked.Decrement(ref remaining) == 0)
                {
                    process.Refresh();
                    allConnected.TrySetResult((connectedMs[host], process.TotalProcessorTime - cpuBefore, GC.GetTotalPauseDuration() - gcPauseBefore, GC.GetTotalAllocatedBytes() - allocatedBefore));
                }
            };
            _hosts[i].PeerConnected += handlers[i];
        }

        try
        {
            var dials = edges.Select(e => _hosts[e.From].DialAsync(_hosts[e.To].ListenAddresses[0])).ToArray();
            await Task.WhenAll(dials).WaitAsync(ReadyTimeout).ConfigureAwait(false);
            var (allConnectedMs, connectCpu, gcPause, allocated) = await allConnected.Task.WaitAsync(ReadyTimeout).ConfigureAwait(false);
            while (true)
            {
                var elapsed = Stopwatch.GetElapsedTime(started);
                if (elapsed > ReadyTimeout)
                {
                    throw new TimeoutException($"swarm of {_hosts.Length}: meshes not formed after {ReadyTimeout.TotalSeconds} s");
                }

                if (Enumerable.Range(0, _hosts.Length).All(i => _routers[i].GetMeshPeers(Topic).Count >= Math.Min(_options.DLow, neighbours[i].Count)))
                {
                    return new GossipConnectTimes(connectedMs, allConnectedMs, connectCpu.TotalMilliseconds, gcPause.TotalMilliseconds, allocated / 1024.0 / 1024.0, elapsed.TotalMilliseconds);
                }

                await Task.Delay(5).ConfigureAwait(false);
            }
        }
        finally
        {
            for (var i = 0; i < _hosts.Length; i++)
            {
                _hosts[i].PeerConnected -= handlers[i];
            }
        }
    }

    /// <summary>Every pair of hosts, each dialed once (as mDNS on one LAN would connect them), in random order.</summary>
    public static IReadOnlyList<(int From, int To)> PlanAllPairs(int peers, Random random)
    {
        var pairs = (from a in Enumerable.Range(0, peers) from b in Enumerable.Range(a + 1, peers - a - 1) select (a, b)).ToArray();
        random.Shuffle(pairs);
        return [.. pairs.Select(p => random.Next(2) == 0 ? (p.a, p.b) : (p.b, p.a))];
    }

    /// <summary>Stops every router, then every host; a second call does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await Task.WhenAll(_routers.Select(r => r.DisposeAsync().AsTask())).ConfigureAwait(false);
        await Task.WhenAll(_hosts.Select(h => h.DisposeAsync().AsTask())).ConfigureAwait(false);
    }
}
