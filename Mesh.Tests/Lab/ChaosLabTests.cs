using System.Globalization;
using System.Text.Json;
using Mesh.Core.Control;
using Mesh.Libp2p.Pnet;
using Mesh.Tests.Cli;

namespace Mesh.Tests.Lab;

/// <summary>
/// Chaos in a lab of six real <c>mesh-node</c> processes: tasks submitted at three of them while, in rounds, a worker is
/// killed and restarted, a host is cut off and restored, and an origin is killed and restarted mid-run. At the end every task has
/// exactly one recorded result, none is lost, and the peer tables agree. The short run is in CI; set
/// <c>MESH_CHAOS_TASKS</c> (tasks per origin, default 40) for the long one (docs: bench/README.md).
/// </summary>
[Category("Lab")]
[NonParallelizable]
[CancelAfter(300_000)]
public sealed class ChaosLabTests : LabFixture
{
    private const int Hosts = 6;
    private static readonly int[] Origins = [0, 1, 2];
    private readonly LabProcess?[] _nodes = new LabProcess?[Hosts];
    private string _meshKey = "";

    /// <inheritdoc/>
    protected override string WorkPrefix => "mesh-lab-chaos-";

    [Test]
    public async Task SixHosts_KillsCutsAndAnOriginRestart_EveryTaskEndsWithExactlyOneResult()
    {
        var perOrigin = int.TryParse(Environment.GetEnvironmentVariable("MESH_CHAOS_TASKS"), CultureInfo.InvariantCulture, out var n) ? n : 40;
        await using var lab = await NetworkLab.CreateAsync(Hosts);
        _meshKey = Path.Combine(Work.FullName, "swarm.key");
        await File.WriteAllTextAsync(_meshKey, PreSharedKey.Generate().ToSwarmKeyText());
        for (var i = 0; i < Hosts; i++)
        {
            await StartAsync(lab, i);
        }

        await WaitForTablesAsync(Hosts);
        var submitted = new Dictionary<int, IReadOnlyList<string>>();
        foreach (var origin in Origins)
        {
            var result = await MeshAsync(origin, "submit", "--json", "--retries", "10", "--array", $"1-{perOrigin}", "--", "sh", "-c", "sleep 1; echo {}");
            Assert.That(result.ExitCode, Is.Zero, result.Stderr);
            submitted[origin] = JsonSerializer.Deserialize(result.Stdout, ControlJsonContext.Default.SubmitTaskResponse)!.Ids;
        }

        // The chaos, bounded: rounds of a worker killed and back, a host cut off and back, an origin killed and back,
        // while work remains (one round per 40 tasks an origin holds, at least one).
        var seed = Environment.TickCount;
        var random = new Random(seed);
        var rounds = 0;
        do
        {
            rounds++;
            await Task.Delay(1500);
            var worker = random.Next(3, Hosts);
            await _nodes[worker]!.KillAsync();
            await Task.Delay(1500);
            await StartAsync(lab, worker);
            var cut = random.Next(Hosts);
            lab.Cut(cut);
            await Task.Delay(3000);
            lab.Restore(cut);
            var origin = Origins[random.Next(Origins.Length)];
            await _nodes[origin]!.KillAsync();
            await Task.Delay(1000);
            await StartAsync(lab, origin);
        }
        while (rounds < Math.Max(1, perOrigin / 40) && await AnyUnfinishedAsync());

        var final = new Dictionary<int, IReadOnlyList<TaskStatusView>>();
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        foreach (var origin in Origins)
        {
            IReadOnlyList<TaskStatusView> tasks;
            while ((tasks = await ListAsync(origin)).Any(t => t.State is "queued" or "running") && DateTime.UtcNow < deadline)
            {
                await Task.Delay(500);
            }

            final[origin] = tasks;
        }

        var tables = await Task.WhenAll(Enumerable.Range(0, Hosts).Select(PeerIdsAsync));

        // Kills mid-append included, every node's journal still checks out.
        var journals = await Task.WhenAll(Enumerable.Range(0, Hosts).Select(host => MeshAsync(host, "journal", "verify")));
        var all = final.Values.SelectMany(t => t).ToList();
        var counts = all.GroupBy(t => t.State).ToDictionary(g => g.Key, g => g.Count());
        TestContext.Out.WriteLine(
            $"chaos: {all.Count} tasks from {Origins.Length} origins on {Hosts} hosts: {string.Join(", ", counts.Select(c => $"{c.Value} {c.Key}"))}; " +
            $"{all.Count(t => t.Attempts > 1)} ran more than once; {rounds} round(s) of chaos (seed {seed}); peer tables {(tables.All(t => t.SetEquals(tables[0])) ? "agree" : "DIFFER")}");

        Assert.Multiple(() =>
        {
            foreach (var origin in Origins)
            {
                Assert.That(final[origin].Select(t => t.Id), Is.EquivalentTo(submitted[origin]), $"origin {origin} lost none");
            }

            Assert.That(all.Select(t => t.State), Is.All.EqualTo("succeeded"), "each has its one result");
            Assert.That(all.Select(t => t.ExitCode), Is.All.EqualTo(0));
            Assert.That(tables.Select(t => t.Count), Is.All.EqualTo(Hosts));
            Assert.That(tables, Is.All.EquivalentTo(tables[0]), "the peer tables agree");
            for (var host = 0; host < Hosts; host++)
            {
                Assert.That(journals[host].ExitCode, Is.Zero, $"host{host}'s journal: {journals[host].Stdout}{journals[host].Stderr}");
            }
        });
    }

    private async Task StartAsync(NetworkLab lab, int index)
    {
        _nodes[index] = lab.Start(index, "dotnet",
        [
            Path.Combine(AppContext.BaseDirectory, "mesh-node.dll"), "--data-dir", DataDir(index), "--name", $"host{index}",
            "--listen", $"/ip4/{lab.Hosts[index].Address}/tcp/4001", "--mesh-key", _meshKey, "--capacity", "cpu=2",
        ]);
        await _nodes[index]!.WaitForLineAsync(l => l.StartsWith("control API on", StringComparison.Ordinal), TimeSpan.FromSeconds(30), $"host{index} up");
    }

    private string DataDir(int index) => Path.Combine(Work.FullName, $"host{index}");

    private async Task<bool> AnyUnfinishedAsync()
    {
        foreach (var origin in Origins)
        {
            if ((await ListAsync(origin)).Any(t => t.State is "queued" or "running"))
            {
                return true;
            }
        }

        return false;
    }

    private Task<MeshProcess.Result> MeshAsync(int host, params string[] arguments) =>
        MeshProcess.RunAsync(new Dictionary<string, string?> { ["MESH_NODE"] = "unix:" + Path.Combine(DataDir(host), "control.sock") }, arguments);

    private async Task<IReadOnlyList<TaskStatusView>> ListAsync(int host)
    {
        var listed = await MeshAsync(host, "tasks", "--json");
        return listed.ExitCode == 0 ? JsonSerializer.Deserialize(listed.Stdout, ControlJsonContext.Default.TaskListView)!.Tasks : [];
    }

    private async Task<HashSet<string>> PeerIdsAsync(int host)
    {
        var peers = await MeshAsync(host, "peers", "--json");
        return peers.ExitCode == 0 ? [.. JsonSerializer.Deserialize(peers.Stdout, ControlJsonContext.Default.PeersView)!.Peers.Select(p => p.Id)] : [];
    }

    private async Task WaitForTablesAsync(int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(45);
        while (DateTime.UtcNow < deadline)
        {
            var tables = await Task.WhenAll(Enumerable.Range(0, Hosts).Select(PeerIdsAsync));
            if (tables.All(t => t.Count == count))
            {
                return;
            }

            await Task.Delay(300);
        }

        Assert.Fail($"the peer tables never all held {count} peers");
    }
}
