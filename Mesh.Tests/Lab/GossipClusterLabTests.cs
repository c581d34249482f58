using System.Text.Json;
using System.Text.Json.Nodes;
using Mesh.Libp2p.Pnet;

namespace Mesh.Tests.Lab;

/// <summary>
/// Six <c>gossip-peer</c> processes (see <see cref="LabGossipPeer"/>), one per namespace of a <see cref="NetworkLab"/>,
/// with nothing configured but a shared mesh key: they find each other by mDNS, connect, and gossip; a host cut off
/// the network and brought back joins again.
/// </summary>
[Category("Lab")]
[NonParallelizable]
[CancelAfter(150_000)]
public class GossipClusterLabTests : LabFixture
{
    private const int Hosts = 6;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);
    private int _tags;

    /// <inheritdoc/>
    protected override string WorkPrefix => "mesh-lab-gossip-";

    [Test]
    public async Task SixHosts_NoConfiguration_AllConnectAndEveryPublishReachesEveryOther()
    {
        await using var lab = await NetworkLab.CreateAsync(Hosts);
        var (peers, ids) = await StartClusterAsync(lab);

        for (var i = 0; i < Hosts; i++)
        {
            await peers[i].SendLineAsync($"publish hello-from-{i}");
        }

        for (var i = 0; i < Hosts; i++)
        {
            for (var j = 0; j < Hosts; j++)
            {
                if (i != j)
                {
                    await peers[i].WaitForLineAsync(l => IsMessage(l, ids[j], $"hello-from-{j}"), Wait, $"host {i} receiving host {j}'s message");
                }
            }
        }

        // Let late copies (mesh forwards, IWANT answers) arrive before counting: each message exactly once, none echoed back.
        await Task.Delay(TimeSpan.FromSeconds(2));
        for (var i = 0; i < Hosts; i++)
        {
            for (var j = 0; j < Hosts; j++)
            {
                var copies = peers[i].Lines(l => IsMessage(l, ids[j], $"hello-from-{j}"));
                Assert.That(copies, Is.EqualTo(i == j ? 0 : 1), $"copies of host {j}'s message at host {i}\n{peers[i].Output}");
            }
        }
    }

    [Test]
    public async Task CutHost_ComesBack_RejoinsAndReceives()
    {
        const int Cut = Hosts - 1;
        await using var lab = await NetworkLab.CreateAsync(Hosts);
        var (peers, ids) = await StartClusterAsync(lab);

        lab.Cut(Cut);
        await peers[0].SendLineAsync("publish while-cut");
        for (var i = 1; i < Cut; i++)
        {
            await peers[i].WaitForLineAsync(l => IsMessage(l, ids[0], "while-cut"), Wait, $"host {i} receiving the message sent while host {Cut} is cut");
        }

        // The short yamux keepalive of the role notices the dead connections on both sides.
        await peers[0].WaitForLineAsync(l => IsEvent(l, "disconnect", "peer", ids[Cut]), Wait, $"host 0 noticing host {Cut} is gone");

        Assert.That(peers[Cut].Lines(l => IsMessage(l, ids[0], "while-cut")), Is.Zero, $"host {Cut} is cut off\n{peers[Cut].Output}");

        lab.Restore(Cut);
        await WaitForTopicPeersAsync(peers[Cut], [.. ids.Where((_, j) => j != Cut)], $"host {Cut} rejoining");
        await WaitForTopicPeersAsync(peers[0], [ids[Cut]], $"host 0 seeing host {Cut} again");
        await peers[0].SendLineAsync("publish after-restore");

        await peers[Cut].WaitForLineAsync(l => IsMessage(l, ids[0], "after-restore"), Wait, $"host {Cut} receiving after it came back");
        for (var i = 1; i < Cut; i++)
        {
            await peers[i].WaitForLineAsync(l => IsMessage(l, ids[0], "after-restore"), Wait, $"host {i} receiving after the restore");
        }
    }

    /// <summary>Starts a peer on every host and waits until each has every other as a connected peer subscribed to the topic.</summary>
    private async Task<(LabProcess[] Peers, string[] Ids)> StartClusterAsync(NetworkLab lab)
    {
        var meshKey = Path.Combine(Work.FullName, "swarm.key");
        await File.WriteAllTextAsync(meshKey, PreSharedKey.Generate().ToSwarmKeyText());
        var peers = Enumerable.Range(0, Hosts).Select(i => StartPeer(lab, i, meshKey)).ToArray();
        var ids = new string[Hosts];
        for (var i = 0; i < Hosts; i++)
        {
            ids[i] = Field(await peers[i].WaitForLineAsync(l => IsEvent(l, "ready"), Wait, $"host {i} ready"), "peerId");
        }

        for (var i = 0; i < Hosts; i++)
        {
            await WaitForTopicPeersAsync(peers[i], [.. ids.Where((_, j) => j != i)], $"host {i} connected to all others");
        }

        return (peers, ids);
    }

    /// <summary>Asks <paramref name="peer"/> for its peers every half second until all of <paramref name="expected"/> are connected and in the topic.</summary>
    private async Task WaitForTopicPeersAsync(LabProcess peer, string[] expected, string what)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (true)
        {
            var tag = Interlocked.Increment(ref _tags).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await peer.SendLineAsync("peers " + tag);
            var answer = JsonNode.Parse(await peer.WaitForLineAsync(l => IsEvent(l, "peers", "tag", tag), Wait, what + " (peers answer)"))!;
            var connected = Strings(answer["connected"]);
            var topic = Strings(answer["topic"]);
            if (expected.All(connected.Contains) && expected.All(topic.Contains))
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No {what} within {Wait}: {answer.ToJsonString()}\n--- output but peers answers ---\n{peer.OutputWhere(l => !IsEvent(l, "peers"))}");
            }

            await Task.Delay(Poll);
        }
    }

    /// <summary>Starts a peer; with MESH_LAB_LOG_DIR set (to debug a failure) each peer logs to hostN.log there.</summary>
    private static LabProcess StartPeer(NetworkLab lab, int index, string meshKey) =>
        lab.Start(
            index,
            "dotnet",
            [Path.Combine(AppContext.BaseDirectory, "Mesh.Tests.dll")],
            new Dictionary<string, string>
            {
                [LabGossipPeer.LogFileVariable] = Environment.GetEnvironmentVariable("MESH_LAB_LOG_DIR") is { Length: > 0 } logs
                    ? Path.Combine(logs, $"host{index}.log")
                    : "",
                ["DOTNET_STARTUP_HOOKS"] = Path.Combine(AppContext.BaseDirectory, "Mesh.Tests.dll"),
                [LabPeerProgram.RoleVariable] = "gossip-peer",
                [LabPeerProgram.ListenVariable] = $"/ip4/{lab.Hosts[index].Address}/tcp/0",
                [LabPeerProgram.LifetimeVariable] = "120",
                [LabGossipPeer.MeshKeyVariable] = meshKey,
            });

    private static HashSet<string> Strings(JsonNode? array) => [.. array!.AsArray().Select(n => n!.GetValue<string>())];

    private static string Field(string line, string name) => JsonNode.Parse(line)![name]!.GetValue<string>();

    private static bool IsMessage(string line, string from, string data) => IsEvent(line, "message", "from", from) && IsEvent(line, "message", "data", data);

    private static bool IsEvent(string line, string @event, string? field = null, string? value = null)
    {
        try
        {
            var node = JsonNode.Parse(line);
            return node?["event"]?.GetValue<string>() == @event && (field is null || node[field]?.GetValue<string>() == value);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
