using System.Text;
using System.Text.Json;
using Mesh.Libp2p.Addressing;
using Mesh.Libp2p.Discovery;
using Mesh.Libp2p.Host;
using Mesh.Libp2p.Identity;
using Mesh.Libp2p.Pnet;
using Mesh.Libp2p.PubSub;
using Mesh.Tests.Lab;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mesh.Bench.Lab;

/// <summary>
/// The hidden <c>lab-peer MESH_KEY_FILE</c> command: one peer of <see cref="LabGossipBench"/>, run inside a lab namespace.
/// It is configured as <c>mesh-node</c> configures itself (listens on 0.0.0.0 and :: with the system's ports, the mesh
/// key, default host, mDNS and gossipsub options), subscribes to <see cref="Topic"/>, and prints JSON lines, each with
/// <c>t</c> (<see cref="MonotonicClock"/> ns): <c>ready</c>, <c>peer:discovery</c>, <c>peer:connect</c>,
/// <c>peer:disconnect</c>, <c>message</c> (data), <c>peers</c> (tag, topic, connected). Commands on stdin:
/// <c>publish PREFIX</c> publishes <c>PREFIX:&lt;now ns&gt;</c>; <c>peers TAG</c>. It ends when stdin closes or after 10 min.
/// </summary>
public static class LabPeerRole
{
    /// <summary>The topic every bench peer subscribes to.</summary>
    public const string Topic = "bench";

    private static readonly Lock OutputGate = new();

    /// <summary>The variable naming a file for the peer's Debug log (lab-gossip --log-dir); none when unset.</summary>
    public const string LogFileVariable = "MESH_LAB_BENCH_LOG";

    /// <summary>Runs the peer until stdin closes.</summary>
    public static async Task<int> RunAsync(string meshKeyFile)
    {
        var identity = IdentityKey.Generate();
        using ILoggerFactory loggers = Environment.GetEnvironmentVariable(LogFileVariable) is { Length: > 0 } logFile
            ? new LabFileLoggerFactory(logFile)
            : NullLoggerFactory.Instance;
        var hostOptions = new Libp2pHostOptions { PreSharedKey = PreSharedKey.Load(meshKeyFile) };
        hostOptions.ListenAddresses.Add(Multiaddr.Parse("/ip4/0.0.0.0/tcp/0"));
        hostOptions.ListenAddresses.Add(Multiaddr.Parse("/ip6/::/tcp/0"));
        using var lifetime = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var cancellationToken = lifetime.Token;
        await using var host = new Libp2pHost(identity, hostOptions, loggers);
        host.PeerConnected += (_, e) => Emit("peer:connect", e.Peer.ToString());
        host.PeerDisconnected += (_, e) => Emit("peer:disconnect", e.Peer.ToString());
        await using var gossip = new Gossipsub(host, identity, GossipsubOptions.ForLan(), TimeProvider.System, loggers.CreateLogger<Gossipsub>());
        await gossip.StartAsync(cancellationToken).ConfigureAwait(false);
        await using var subscription = gossip.Subscribe(Topic);
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        await using var discovery = new MdnsDiscovery(host, new MdnsOptions(), loggers);
        discovery.PeerDiscovered += (_, e) => Emit("peer:discovery", e.Peer.ToString());
        await discovery.StartAsync(cancellationToken).ConfigureAwait(false);
        Write(new { @event = "ready", peerId = host.PeerId.ToString(), t = MonotonicClock.NowNanoseconds() });

        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var printing = PrintMessagesAsync(subscription, stopping.Token);
        try
        {
            while (await Console.In.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } command)
            {
                await RunCommandAsync(command, host, gossip, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The lifetime ran out.
        }
        finally
        {
            await stopping.CancelAsync().ConfigureAwait(false);
            await printing.ConfigureAwait(false);
        }

        return 0;
    }

    private static async Task RunCommandAsync(string command, Libp2pHost host, Gossipsub gossip, CancellationToken cancellationToken)
    {
        if (command.StartsWith("publish ", StringComparison.Ordinal))
        {
            var data = $"{command["publish ".Length..]}:{MonotonicClock.NowNanoseconds()}";
            await gossip.PublishAsync(Topic, Encoding.UTF8.GetBytes(data), cancellationToken).ConfigureAwait(false);
        }
        else if (command.StartsWith("peers", StringComparison.Ordinal))
        {
            Write(new
            {
                @event = "peers",
                tag = command["peers".Length..].Trim(),
                topic = gossip.GetTopicPeers(Topic).Select(p => p.ToString()),
                connected = host.ConnectedPeers.Select(p => p.ToString()),
                t = MonotonicClock.NowNanoseconds(),
            });
        }
    }

    private static async Task PrintMessagesAsync(TopicSubscription subscription, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var message in subscription.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                // Stamped before the line is built, so the time is the delivery's, not the console's.
                var t = MonotonicClock.NowNanoseconds();
                Write(new { @event = "message", from = message.From.ToString(), data = Encoding.UTF8.GetString(message.Data.Span), t });
            }
        }
        catch (OperationCanceledException)
        {
            // The peer is stopping.
        }
    }

    private static void Emit(string @event, string peer) => Write(new { @event, peer, t = MonotonicClock.NowNanoseconds() });

    private static void Write(object value)
    {
        var line = JsonSerializer.Serialize(value);
        lock (OutputGate)
        {
            Console.Out.WriteLine(line);
            Console.Out.Flush();
        }
    }
}
