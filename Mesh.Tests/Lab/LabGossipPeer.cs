using System.Text;
using System.Threading.Channels;
using Mesh.Libp2p.Addressing;
using Mesh.Libp2p.Discovery;
using Mesh.Libp2p.Host;
using Mesh.Libp2p.Identity;
using Mesh.Libp2p.Pnet;
using Mesh.Libp2p.PubSub;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mesh.Tests.Lab;

/// <summary>
/// The <c>gossip-peer</c> lab role: a <see cref="Libp2pHost"/> on MESH_LAB_LISTEN behind the mesh key in the file
/// MESH_LAB_MESH_KEY, with <see cref="MdnsDiscovery"/> and a <see cref="Gossipsub"/> router subscribed to
/// <see cref="Topic"/>. Prints JSON lines: <c>ready</c> (peerId), <c>connect</c>/<c>disconnect</c> (peer),
/// <c>message</c> (from, data) for every delivered message, <c>peers</c> (tag, connected, topic, mesh). Reads the commands
/// <c>publish TEXT</c> and <c>peers [TAG]</c> (the tag is echoed, so a test can tell a fresh answer from an old one).
/// </summary>
internal static class LabGossipPeer
{
    /// <summary>The variable naming the <c>swarm.key</c> file all peers of one test share.</summary>
    public const string MeshKeyVariable = "MESH_LAB_MESH_KEY";

    /// <summary>The variable naming a file for the role's Debug log; none when unset.</summary>
    public const string LogFileVariable = "MESH_LAB_LOG_FILE";

    /// <summary>The one topic the peers subscribe to.</summary>
    public const string Topic = "lab";

    /// <summary>Runs the role until <paramref name="commands"/> completes or <paramref name="cancellationToken"/> fires.</summary>
    public static async Task<int> RunAsync(ChannelReader<string> commands, CancellationToken cancellationToken)
    {
        var identity = IdentityKey.Generate();
        using ILoggerFactory loggers = Environment.GetEnvironmentVariable(LogFileVariable) is { Length: > 0 } logFile
            ? new LabFileLoggerFactory(logFile)
            : NullLoggerFactory.Instance;
        await using var host = new Libp2pHost(identity, HostOptions(), loggers);
        host.PeerConnected += (_, e) => LabPeerProgram.Emit(new { @event = "connect", peer = e.Peer.ToString() });
        host.PeerDisconnected += (_, e) => LabPeerProgram.Emit(new { @event = "disconnect", peer = e.Peer.ToString() });
        await using var gossip = new Gossipsub(host, identity, new GossipsubOptions(), TimeProvider.System, loggers.CreateLogger<Gossipsub>());
        await gossip.StartAsync(cancellationToken);
        await using var subscription = gossip.Subscribe(Topic);
        await host.StartAsync(cancellationToken);
        var mdns = new MdnsOptions
        {
            // Short intervals so a host whose link comes back is found again within a second or two.
            QueryInterval = TimeSpan.FromSeconds(1),
            DialBackoff = TimeSpan.FromSeconds(1),
            MaxDialBackoff = TimeSpan.FromSeconds(2),
        };
        await using var discovery = new MdnsDiscovery(host, mdns, loggers);
        await discovery.StartAsync(cancellationToken);
        LabPeerProgram.Emit(new { @event = "ready", peerId = host.PeerId.ToString() });

        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var printing = PrintMessagesAsync(subscription, stopping.Token);
        try
        {
            await RunCommandsAsync(commands, host, gossip, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Stdin closed or the lifetime ran out: stop normally.
        }
        finally
        {
            await stopping.CancelAsync();
            await printing;
        }

        return 0;
    }

    private static Libp2pHostOptions HostOptions()
    {
        var options = new Libp2pHostOptions
        {
            PreSharedKey = PreSharedKey.Load(Environment.GetEnvironmentVariable(MeshKeyVariable)
                ?? throw new InvalidOperationException(MeshKeyVariable + " is not set")),
        };
        options.ListenAddresses.Add(Multiaddr.Parse(Environment.GetEnvironmentVariable(LabPeerProgram.ListenVariable) ?? "/ip4/0.0.0.0/tcp/0"));

        // A cut host's connections are noticed within seconds instead of the default 30 s keepalive.
        options.Yamux.KeepAliveInterval = TimeSpan.FromSeconds(2);
        options.Yamux.PingTimeout = TimeSpan.FromSeconds(2);
        return options;
    }

    private static async Task RunCommandsAsync(ChannelReader<string> commands, Libp2pHost host, Gossipsub gossip, CancellationToken cancellationToken)
    {
        await foreach (var command in commands.ReadAllAsync(cancellationToken))
        {
            if (command.StartsWith("publish ", StringComparison.Ordinal))
            {
                await gossip.PublishAsync(Topic, Encoding.UTF8.GetBytes(command["publish ".Length..]), cancellationToken);
                LabPeerProgram.Emit(new { @event = "published", data = command["publish ".Length..] });
            }
            else if (command.StartsWith("peers", StringComparison.Ordinal))
            {
                LabPeerProgram.Emit(new
                {
                    @event = "peers",
                    tag = command["peers".Length..].Trim(),
                    topic = gossip.GetTopicPeers(Topic).Select(p => p.ToString()),
                    connected = host.ConnectedPeers.Select(p => p.ToString()),
                    mesh = gossip.GetMeshPeers(Topic).Select(p => p.ToString()),
                });
            }
        }
    }

    private static async Task PrintMessagesAsync(TopicSubscription subscription, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var message in subscription.ReadAllAsync(cancellationToken))
            {
                LabPeerProgram.Emit(new { @event = "message", from = message.From.ToString(), data = Encoding.UTF8.GetString(message.Data.Span) });
            }
        }
        catch (OperationCanceledException)
        {
            // The role is stopping.
        }
    }
}
