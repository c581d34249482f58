using System.Text.Json;
using Mesh.Core.Control;
using Mesh.Libp2p.Pnet;
using Mesh.Tests.Cli;

namespace Mesh.Tests.Lab;

/// <summary>
/// Tasks across hosts of a <see cref="NetworkLab"/>: real <c>mesh-node</c> processes, one per network namespace, that
/// found each other by mDNS; <c>mesh</c> submits at one host and the work runs on another.
/// </summary>
[Category("Lab")]
[NonParallelizable]
[CancelAfter(120_000)]
public sealed class RemoteTaskLabTests : LabFixture
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    /// <inheritdoc/>
    protected override string WorkPrefix => "mesh-lab-tasks-";

    [Test]
    public async Task MeshRun_AcrossLabHosts_RunsOnTheNamedHostAndTheRemoteOnlyTaskLeavesTheOrigin()
    {
        const int Hosts = 3;
        await using var lab = await NetworkLab.CreateAsync(Hosts);
        var meshKey = Path.Combine(Work.FullName, "swarm.key");
        await File.WriteAllTextAsync(meshKey, PreSharedKey.Generate().ToSwarmKeyText());
        var nodes = await StartNodesAsync(lab, meshKey);

        var named = await MeshAsync(0, "run", "--on", "host2", "--", "sh", "-c", "echo ran on the mesh");
        var submitted = await MeshAsync(0, "submit", "--remote-only", "--json", "--", "true");
        var id = JsonSerializer.Deserialize(submitted.Stdout, ControlJsonContext.Default.SubmitTaskResponse)!.Ids[0];
        var waited = await MeshAsync(0, "wait", id);
        var status = JsonSerializer.Deserialize((await MeshAsync(0, "status", id, "--json")).Stdout, ControlJsonContext.Default.TaskStatusView)!;
        var self = JsonSerializer.Deserialize((await MeshAsync(0, "node", "--json")).Stdout, ControlJsonContext.Default.NodeView)!.Id;

        Assert.Multiple(() =>
        {
            Assert.That(named.ExitCode, Is.Zero, named.Stderr + nodes[0].Output);
            Assert.That(named.Stdout, Is.EqualTo("ran on the mesh\n"));
            Assert.That(waited.ExitCode, Is.Zero, waited.Stderr);
            Assert.That(status.State, Is.EqualTo("succeeded"));
            Assert.That(status.Executor, Is.Not.EqualTo(self).And.Not.Null);
        });
    }

    [Test]
    public async Task HundredTasksAtOneLabHost_RunOnEveryHostAndEachSucceedsOnce()
    {
        const int Hosts = 4;
        await using var lab = await NetworkLab.CreateAsync(Hosts);
        var meshKey = Path.Combine(Work.FullName, "swarm.key");
        await File.WriteAllTextAsync(meshKey, PreSharedKey.Generate().ToSwarmKeyText());
        await StartNodesAsync(lab, meshKey);
        var ids = new HashSet<string>();
        foreach (var node in Enumerable.Range(0, Hosts))
        {
            ids.Add(JsonSerializer.Deserialize((await MeshAsync(node, "node", "--json")).Stdout, ControlJsonContext.Default.NodeView)!.Id);
        }

        var submitted = await MeshAsync(0, "submit", "--json", "--array", "1-100", "--", "sleep", "0.1");
        var tasks = JsonSerializer.Deserialize(submitted.Stdout, ControlJsonContext.Default.SubmitTaskResponse)!.Ids;
        var waited = await MeshAsync(0, ["wait", .. tasks]);
        var listed = JsonSerializer.Deserialize((await MeshAsync(0, "tasks", "--json")).Stdout, ControlJsonContext.Default.TaskListView)!.Tasks;
        var journals = await Task.WhenAll(Enumerable.Range(0, Hosts).Select(host => MeshAsync(host, "journal", "verify")));
        var audits = await Task.WhenAll(Enumerable.Range(1, Hosts - 1).Select(host => MeshAsync(0, "journal", "verify", "--peer", $"host{host}")));

        Assert.Multiple(() =>
        {
            Assert.That(waited.ExitCode, Is.Zero, waited.Stdout + waited.Stderr);
            Assert.That(journals.Select(j => j.ExitCode), Is.All.Zero, string.Join("\n", journals.Select(j => j.Stdout + j.Stderr)));
            Assert.That(audits.Select(a => a.ExitCode), Is.All.Zero, "host0 audits the others' journals: " + string.Join("\n", audits.Select(a => a.Stdout + a.Stderr)));
            Assert.That(listed.Select(t => t.State), Is.All.EqualTo("succeeded"));
            Assert.That(listed.Select(t => t.Attempts), Is.All.EqualTo(1));
            Assert.That(listed.Select(t => t.Executor).Distinct(), Is.EquivalentTo(ids), "every host ran some");
        });
    }

    [Test]
    public async Task HostCutOffMidRunThenHealed_EveryTaskEndsWithExactlyOneResult()
    {
        const int Hosts = 3;
        await using var lab = await NetworkLab.CreateAsync(Hosts);
        var meshKey = Path.Combine(Work.FullName, "swarm.key");
        await File.WriteAllTextAsync(meshKey, PreSharedKey.Generate().ToSwarmKeyText());
        await StartNodesAsync(lab, meshKey);
        var cut = JsonSerializer.Deserialize((await MeshAsync(2, "node", "--json")).Stdout, ControlJsonContext.Default.NodeView)!.Id;
        var submitted = await MeshAsync(0, "submit", "--json", "--array", "1-6", "--retries", "3", "--", "sh", "-c", "sleep 2; echo {}");
        var tasks = JsonSerializer.Deserialize(submitted.Stdout, ControlJsonContext.Default.SubmitTaskResponse)!.Ids;
        var deadline = DateTime.UtcNow + Wait;
        var onCut = 0;
        while (DateTime.UtcNow < deadline && (onCut = (await ListAsync(0)).Count(t => t.State == "running" && t.Executor == cut)) == 0)
        {
            await Task.Delay(100);
        }

        // Cut off while its tasks run; the origin's leases run out and the tasks go elsewhere; then the host comes back
        // and delivers what it finished meanwhile, which the origin must refuse as stale.
        lab.Cut(2);
        var end = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (DateTime.UtcNow < end && (await ListAsync(0)).Any(t => t.State is "queued" or "running"))
        {
            await Task.Delay(500);
        }

        lab.Restore(2);
        await Task.Delay(TimeSpan.FromSeconds(3));
        var listed = await ListAsync(0);
        var logs = await Task.WhenAll(tasks.Select(id => MeshAsync(0, "logs", id)));

        Assert.Multiple(() =>
        {
            Assert.That(onCut, Is.GreaterThan(0), "the cut-off host ran some when it was cut");
            Assert.That(listed.Select(t => t.State), Is.All.EqualTo("succeeded"));
            Assert.That(listed.Count(t => t.Attempts > 1), Is.GreaterThanOrEqualTo(onCut), "what it held ran again");
            Assert.That(listed.Where(t => t.Attempts > 1).Select(t => t.Executor), Has.None.EqualTo(cut), "elsewhere");
            for (var i = 0; i < tasks.Count; i++)
            {
                Assert.That(logs[i].Stdout, Does.EndWith($"{i + 1}\n"), $"task {i + 1} has one result and its output");
            }
        });
    }

    private async Task<IReadOnlyList<TaskStatusView>> ListAsync(int host) =>
        JsonSerializer.Deserialize((await MeshAsync(host, "tasks", "--json")).Stdout, ControlJsonContext.Default.TaskListView)!.Tasks;

    // The lab owns the processes it starts and ends them with itself.
    private async Task<List<LabProcess>> StartNodesAsync(NetworkLab lab, string meshKey)
    {
        var nodes = new List<LabProcess>();
        for (var i = 0; i < lab.Hosts.Count; i++)
        {
            nodes.Add(lab.Start(i, "dotnet",
            [
                Path.Combine(AppContext.BaseDirectory, "mesh-node.dll"), "--data-dir", DataDir(i), "--name", $"host{i}",
                "--listen", $"/ip4/{lab.Hosts[i].Address}/tcp/4001", "--mesh-key", meshKey, "--capacity", "cpu=2",
            ]));
        }

        foreach (var node in nodes)
        {
            await node.WaitForLineAsync(l => l.StartsWith("control API on", StringComparison.Ordinal), Wait, "control API");
        }

        await WaitForPeersAsync(0, lab.Hosts.Count);
        return nodes;
    }

    private string DataDir(int index) => Path.Combine(Work.FullName, $"host{index}");

    // The control socket is a file: the test reaches it from the root namespace.
    private Task<MeshProcess.Result> MeshAsync(int host, params string[] arguments) =>
        MeshProcess.RunAsync(new Dictionary<string, string?> { ["MESH_NODE"] = "unix:" + Path.Combine(DataDir(host), "control.sock") }, arguments);

    private async Task WaitForPeersAsync(int host, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(45);
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            var result = await MeshAsync(host, "peers", "--json");
            if (result.ExitCode == 0 && JsonSerializer.Deserialize(result.Stdout, ControlJsonContext.Default.PeersView)!.Peers.Count == count)
            {
                return;
            }

            last = result.Stdout + result.Stderr;
            await Task.Delay(300);
        }

        Assert.Fail($"host{host} never saw {count} peers; last: {last}");
    }
}
