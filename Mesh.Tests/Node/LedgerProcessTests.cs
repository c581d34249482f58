using System.Diagnostics;
using System.Text.Json;
using Mesh.Core.Control;
using Mesh.Core.Resources;
using Mesh.Tests.Cli;

namespace Mesh.Tests.Node;

/// <summary>
/// The surplus ledger end to end: real <c>mesh-node</c> processes on loopback gossip their entries, and the real
/// <c>mesh</c> program reads the peer table from either node's control socket (FIG 7 of the description).
/// </summary>
[TestFixture]
[NonParallelizable]
[CancelAfter(120_000)]
public sealed class LedgerProcessTests
{
    private const long GiB = 1L << 30;
    private const long GB = 1_000_000_000L;
    private DirectoryInfo _work = null!;

    [SetUp]
    public void CreateWorkDir() => _work = Directory.CreateTempSubdirectory("mesh-ledger-test-");

    [TearDown]
    public void DeleteWorkDir() => _work.Delete(recursive: true);

    [Test]
    public async Task MeshPeers_Fig7TwoNodes_ShowsEachSurplusAndTheLayerTotalsAtEitherNode()
    {
        await using var a = StartNode("a", "--capacity", "cpu=4,mem=8GiB,disk=1TB", "--reserve", "cpu=1,mem=1GiB,disk=250GB");
        var address = await a.WaitForListenAddressAsync();
        await using var b = StartNode("b", "--peer", address, "--capacity", "cpu=2,mem=8GiB,disk=500GB", "--reserve", "cpu=1,mem=512MiB,disk=250GB");

        foreach (var node in new[] { "a", "b" })
        {
            var view = await WaitForPeersAsync(node, rows => rows == 2);
            var alpha = view.Peers.Single(p => p.Name == "a");
            var beta = view.Peers.Single(p => p.Name == "b");
            Assert.Multiple(() =>
            {
                Assert.That(alpha.Surplus, Is.EqualTo(new ResourceVector(3, 7 * GiB, 750 * GB, 0)), $"a's surplus seen at {node}");
                Assert.That(beta.Surplus, Is.EqualTo(new ResourceVector(1, 15 * GiB / 2, 250 * GB, 0)), $"b's surplus seen at {node}");
                Assert.That(view.Totals.Surplus, Is.EqualTo(new ResourceVector(4, 29 * GiB / 2, 1000 * GB, 0)), $"totals at {node}");
                Assert.That(view.Totals.Capacity, Is.EqualTo(new ResourceVector(6, 16 * GiB, 1500 * GB, 0)), $"capacity totals at {node}");
                Assert.That(view.Peers.Single(p => p.IsSelf).Name, Is.EqualTo(node));
                Assert.That(view.Peers.Select(p => p.Rank), Is.EquivalentTo(new[] { 1, 2 }).Or.EquivalentTo(new[] { 1, 1 }), "both ranked");
            });
        }
    }

    [Test]
    [Category("Tmux")]
    public async Task MeshTop_InTmuxOnTwoRealNodes_ShowsBothAndTheFig7Layer()
    {
        Assert.That(TmuxSession.IsInstalled, Is.True, "tmux is not installed (apt-get install tmux)");
        await using var a = StartNode("a", "--capacity", "cpu=4,mem=8GiB,disk=1TB", "--reserve", "cpu=1,mem=1GiB,disk=250GB");
        var address = await a.WaitForListenAddressAsync();
        await using var b = StartNode("b", "--peer", address, "--capacity", "cpu=2,mem=8GiB,disk=500GB", "--reserve", "cpu=1,mem=512MiB,disk=250GB");
        await WaitForPeersAsync("a", rows => rows == 2);

        var mesh = Path.Combine(AppContext.BaseDirectory, "mesh.dll");
        var socket = Path.Combine(_work.FullName, "a", "control.sock");
        using var tmux = TmuxSession.Start($"dotnet '{mesh}' top --node 'unix:{socket}'; echo \"mesh top exited with $?\"; exec sleep 600");
        var screen = await tmux.WaitForAsync(s => s.Contains("2 peers", StringComparison.Ordinal), "both nodes in mesh top", TimeSpan.FromSeconds(30));
        Assert.Multiple(() =>
        {
            Assert.That(screen, Does.Contain("surplus 4 / capacity 6 cores"));
            Assert.That(screen, Does.Contain("surplus 14.5 GiB / capacity 16 GiB"));
            Assert.That(screen, Does.Contain("surplus 1 TB / capacity 1.5 TB"));
            Assert.That(screen, Does.Contain("*a ").And.Contain(" b "));
        });

        tmux.SendKeys("q");
        await tmux.WaitForAsync(s => s.Contains("mesh top exited with 0", StringComparison.Ordinal), "the shell after q");
    }

    [Test]
    public async Task PeerTable_KilledNodeLeavesWithinExpiry_RestartedNodeReturnsUnderTheSamePeerId()
    {
        await using var a = StartNode("a");
        var address = await a.WaitForListenAddressAsync();
        await using var b = StartNode("b", "--peer", address);
        var c = StartNode("c", "--peer", address);
        string cId;
        try
        {
            await WaitForPeersAsync("a", rows => rows == 3);
            var full = await WaitForPeersAsync("b", rows => rows == 3);
            cId = full.Peers.Single(p => p.Name == "c").Id;
        }
        finally
        {
            await c.DisposeAsync(); // SIGKILL: no goodbye, the others must notice by silence.
        }

        var killedAt = Stopwatch.StartNew();
        var after = await WaitForPeersAsync("b", rows => rows == 2);
        Assert.That(after.Peers.Select(p => p.Name), Is.EquivalentTo(new[] { "a", "b" }));
        Assert.That(killedAt.Elapsed, Is.LessThan(TimeSpan.FromSeconds(40)), "gone within the expiry (15 s) plus polling slack");

        await using var again = StartNode("c", "--peer", address);
        var back = await WaitForPeersAsync("b", rows => rows == 3);
        Assert.That(back.Peers.Single(p => p.Name == "c").Id, Is.EqualTo(cId), "the identity key in the data dir keeps the peer id");
    }

    [Test]
    public async Task MeshPeersJson_RealNode_FollowsTheDesignContract()
    {
        await using var a = StartNode("a", "--capacity", "cpu=2,mem=4GiB,disk=100GB");
        await a.WaitForListenAddressAsync();

        // The addresses are printed before the control API is up; its own line says when it is.
        Assert.That(await a.WaitForStdoutAsync("control API on unix:", TimeSpan.FromSeconds(30)), Is.True, a.Stderr);
        var result = await MeshAsync("a", "peers", "--json");
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);

        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.That(root.GetProperty("self").GetString(), Does.StartWith("12D3KooW"));
        var peer = root.GetProperty("peers")[0];
        foreach (var name in new[] { "id", "name", "addrs", "capacity", "reserved", "surplus", "inUse", "queued", "running", "score", "rank", "lastSeen" })
        {
            Assert.That(peer.TryGetProperty(name, out _), Is.True, $"peers[0].{name}");
        }

        foreach (var name in new[] { "cpu", "memory", "disk", "gpu" })
        {
            Assert.That(peer.GetProperty("capacity").GetProperty(name).ValueKind, Is.EqualTo(JsonValueKind.Number), $"capacity.{name}");
        }

        Assert.That(peer.GetProperty("capacity").GetProperty("memory").GetInt64(), Is.EqualTo(4 * GiB));
        foreach (var name in new[] { "capacity", "surplus", "inUse" })
        {
            Assert.That(root.GetProperty("totals").TryGetProperty(name, out _), Is.True, $"totals.{name}");
        }
    }

    private NodeProcess StartNode(string name, params string[] extra) =>
        NodeProcess.Start(
        [
            "--data-dir", Path.Combine(_work.FullName, name), "--name", name, "--mesh-key", MeshKeyPath(),
            "--listen", "/ip4/127.0.0.1/tcp/0", "--no-mdns", .. extra,
        ]);

    private string MeshKeyPath()
    {
        var path = Path.Combine(_work.FullName, "swarm.key");
        if (!File.Exists(path))
        {
            Mesh.Libp2p.Pnet.PreSharedKey.LoadOrCreate(path, out _);
        }

        return path;
    }

    private Task<MeshProcess.Result> MeshAsync(string node, params string[] arguments) =>
        MeshProcess.RunAsync(
            new Dictionary<string, string?> { ["MESH_NODE"] = "unix:" + Path.Combine(_work.FullName, node, "control.sock") },
            arguments);

    /// <summary>Polls <c>mesh peers --json</c> at <paramref name="node"/> until the row count satisfies <paramref name="done"/>.</summary>
    private async Task<PeersView> WaitForPeersAsync(string node, Func<int, bool> done)
    {
        var deadline = Stopwatch.StartNew();
        var last = "(no answer yet)";
        while (deadline.Elapsed < TimeSpan.FromSeconds(45))
        {
            var result = await MeshAsync(node, "peers", "--json");
            if (result.ExitCode == 0)
            {
                var view = JsonSerializer.Deserialize(result.Stdout, ControlJsonContext.Default.PeersView)!;
                if (done(view.Peers.Count))
                {
                    return view;
                }

                last = result.Stdout;
            }
            else
            {
                last = result.Stderr;
            }

            await Task.Delay(300);
        }

        Assert.Fail($"the peer table at {node} never got there; last answer: {last}");
        throw new UnreachableException();
    }
}
