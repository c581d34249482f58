using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Mesh.Libp2p.Addressing;
using Mesh.Libp2p.Discovery;
using Mesh.Libp2p.Host;
using Mesh.Libp2p.Identity;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mesh.Tests.Lab;

/// <summary>
/// The roles the test assembly plays as a process inside a lab namespace (see <see cref="StartupHook"/>); each prints JSON
/// lines on stdout and ends when stdin closes or after MESH_LAB_LIFETIME seconds (default 60), whichever comes first.
/// <list type="bullet">
/// <item><c>mdns-peer</c>: a <see cref="Libp2pHost"/> listening on MESH_LAB_LISTEN with <see cref="MdnsDiscovery"/>; prints
/// ready, discovered and connect events, and the statistics when it reads the line <c>stats</c>; MESH_LAB_MDNS_FAMILY
/// (<c>ipv4</c> or <c>ipv6</c>) keeps its discovery to one family.</item>
/// <item><c>gossip-peer</c>: the same with a mesh key and gossipsub, see <see cref="LabGossipPeer"/>.</item>
/// <item><c>hostile</c>: multicasts malformed DNS packets to 224.0.0.251:5353 every 5 ms (at most 20000).</item>
/// </list>
/// </summary>
internal static class LabPeerProgram
{
    public const string RoleVariable = "MESH_LAB_ROLE";
    public const string ListenVariable = "MESH_LAB_LISTEN";
    public const string LifetimeVariable = "MESH_LAB_LIFETIME";

    /// <summary>Set to <c>ipv6</c> or <c>ipv4</c> to run the <c>mdns-peer</c> role's discovery on that family only.</summary>
    public const string MdnsFamilyVariable = "MESH_LAB_MDNS_FAMILY";
    private static readonly Lock OutputGate = new();

    public static int Run(string role)
    {
        var lifetime = TimeSpan.FromSeconds(int.TryParse(Environment.GetEnvironmentVariable(LifetimeVariable), out var s) ? s : 60);
        using var stop = new CancellationTokenSource(lifetime);
        var stdinClosed = Task.Run(async () =>
        {
            while (await Console.In.ReadLineAsync(stop.Token) is { } line)
            {
                Commands.Writer.TryWrite(line);
            }

            await stop.CancelAsync();
        });
        try
        {
            return role switch
            {
                "mdns-peer" => RunPeerAsync(stop.Token).GetAwaiter().GetResult(),
                "gossip-peer" => LabGossipPeer.RunAsync(Commands.Reader, stop.Token).GetAwaiter().GetResult(),
                "hostile" => RunHostileAsync(stop.Token).GetAwaiter().GetResult(),
                _ => 2,
            };
        }
        catch (OperationCanceledException)
        {
            return 0;
        }
        finally
        {
            // The stdin reader is owned too: stop it, and wait a bounded time (a blocked console read may not
            // observe cancellation; the process exits right after, which ends it).
            stop.Cancel();
            try
            {
                stdinClosed.Wait(TimeSpan.FromSeconds(1));
            }
            catch (AggregateException)
            {
                // Cancelled or stdin failed: either way the reader is done.
            }
        }
    }

    private static System.Threading.Channels.Channel<string> Commands { get; } = System.Threading.Channels.Channel.CreateUnbounded<string>();

    private static async Task<int> RunPeerAsync(CancellationToken cancellationToken)
    {
        var options = new Libp2pHostOptions();
        options.ListenAddresses.Add(Multiaddr.Parse(Environment.GetEnvironmentVariable(ListenVariable) ?? "/ip4/0.0.0.0/tcp/0"));
        await using var host = new Libp2pHost(IdentityKey.Generate(), options, NullLoggerFactory.Instance);
        host.PeerConnected += (_, e) => Emit(new { @event = "connect", peer = e.Peer.ToString(), direction = e.Direction.ToString() });
        await host.StartAsync(cancellationToken);
        var family = Environment.GetEnvironmentVariable(MdnsFamilyVariable);
        var mdns = new MdnsOptions { UseIPv4 = family != "ipv6", UseIPv6 = family != "ipv4" };
        await using var discovery = new MdnsDiscovery(host, mdns, NullLoggerFactory.Instance);
        discovery.PeerDiscovered += (_, e) => Emit(new { @event = "discovered", peer = e.Peer.ToString(), addrs = e.Addresses.Select(a => a.ToString()) });
        await discovery.StartAsync(cancellationToken);
        Emit(new { @event = "ready", peerId = host.PeerId.ToString(), addrs = host.ListenAddresses.Select(a => a.ToString()) });
        try
        {
            await foreach (var command in Commands.Reader.ReadAllAsync(cancellationToken))
            {
                if (command == "stats")
                {
                    var stats = discovery.Statistics;
                    Emit(new { @event = "stats", received = stats.PacketsReceived, malformed = stats.MalformedPackets, answered = stats.QueriesAnswered, connected = host.ConnectedPeers.Count });
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stdin closed or the lifetime ran out: stop normally.
        }

        return 0;
    }

    private static async Task<int> RunHostileAsync(CancellationToken cancellationToken)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastTimeToLive, 255);
        var group = new IPEndPoint(IPAddress.Parse("224.0.0.251"), 5353);
        var random = new Random(7100);
        var valid = DnsMessageWriter.Write(new DnsMessage
        {
            Flags = DnsMessage.ResponseFlags,
            Answers =
            [
                DnsRecord.NamePointer("_p2p._udp.local", "hostile._p2p._udp.local", 120),
                DnsRecord.Txt("hostile._p2p._udp.local", ["dnsaddr=/ip4/10.0.0.1/tcp/1"u8.ToArray()], 120),
            ],
        });
        for (var i = 0; i < 20_000 && !cancellationToken.IsCancellationRequested; i++)
        {
            socket.SendTo(Malformed(random, valid, i), group);
            if (i == 0)
            {
                Emit(new { @event = "ready" });
            }

            await Task.Delay(5, cancellationToken);
        }

        return 0;
    }

    /// <summary>Cycles through random bytes, truncations, mutations, a pointer loop and absurd counts.</summary>
    private static byte[] Malformed(Random random, byte[] valid, int i)
    {
        switch (i % 5)
        {
            case 0:
                var noise = new byte[random.Next(1, 300)];
                random.NextBytes(noise);
                return noise;
            case 1:
                return valid[..random.Next(1, valid.Length - 1)];
            case 2:
                var mutated = (byte[])valid.Clone();
                mutated[random.Next(12, mutated.Length)] = 0xC0;
                return mutated;
            case 3:
                return Convert.FromHexString("000084000001000000000000c00c000c0001");
            default:
                var counts = (byte[])valid.Clone();
                counts[6] = 0xFF;
                return counts;
        }
    }

    /// <summary>Prints <paramref name="value"/> as one JSON line on stdout; lines from several threads never interleave.</summary>
    internal static void Emit(object value)
    {
        var line = JsonSerializer.Serialize(value);
        lock (OutputGate)
        {
            Console.Out.WriteLine(line);
            Console.Out.Flush();
        }
    }
}
