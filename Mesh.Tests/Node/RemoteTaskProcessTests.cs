using System.Security.Cryptography;
using System.Text.Json;
using Mesh.Core.Control;

namespace Mesh.Tests.Node;

/// <summary>
/// Tasks across real <c>mesh-node</c> processes on loopback, submitted with the real <c>mesh</c>: the work runs on
/// another peer and its output, exit code, files and executor come back to the submitter.
/// </summary>
[TestFixture]
[NonParallelizable]
[CancelAfter(120_000)]
public sealed class RemoteTaskProcessTests : ClusterFixture
{
    /// <inheritdoc/>
    protected override string WorkPrefix => "mesh-remote-";

    [Test]
    public async Task MeshRun_OnAnotherPeer_OutputExitCodeAndExecutorComeBack()
    {
        await StartPairAsync();

        var run = await Cluster.MeshAsync("a", "run", "--on", "b", "--", "sh", "-c", "echo out; echo err >&2; exit 3");
        var submit = await Cluster.MeshAsync("a", "submit", "--on", "b", "--json", "--", "sh", "-c", "echo again");
        var id = JsonSerializer.Deserialize(submit.Stdout, ControlJsonContext.Default.SubmitTaskResponse)!.Ids[0];
        var waited = await Cluster.MeshAsync("a", "wait", id);
        var logs = await Cluster.MeshAsync("a", "logs", id);
        var status = await Cluster.StatusAsync("a", id);

        Assert.Multiple(async () =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(3), run.Stderr + Cluster.Nodes["a"].Stderr);
            Assert.That(run.Stdout, Is.EqualTo("out\n"));
            Assert.That(run.Stderr, Does.Contain("err\n"));
            Assert.That(run.Stderr, Does.Not.Contain("locally"));
            Assert.That(waited.ExitCode, Is.Zero, waited.Stderr);
            Assert.That(logs.Stdout, Is.EqualTo("again\n"));
            Assert.That(status.State, Is.EqualTo("succeeded"));
            Assert.That(status.Executor, Is.EqualTo(await Cluster.IdOfAsync("b")));
            Assert.That(status.Origin, Is.EqualTo(await Cluster.IdOfAsync("a")));
        });
    }

    [Test]
    public async Task MeshRun_AnyPlacementWithAnIdlePeer_RunsThereAndSaysNothing()
    {
        await StartPairAsync();

        var submit = await Cluster.MeshAsync("a", "submit", "--json", "--", "true");
        var id = JsonSerializer.Deserialize(submit.Stdout, ControlJsonContext.Default.SubmitTaskResponse)!.Ids[0];
        await Cluster.MeshAsync("a", "wait", id);

        Assert.That((await Cluster.StatusAsync("a", id)).Executor, Is.EqualTo(await Cluster.IdOfAsync("b")));
    }

    [Test]
    public async Task MeshSubmit_InputAndOutputFiles_RoundTripWithChecksums()
    {
        await StartPairAsync();
        var data = RandomNumberGenerator.GetBytes(3 << 20);
        var input = Path.Combine(Work.FullName, "data.bin");
        await File.WriteAllBytesAsync(input, data);
        var outputDir = Directory.CreateDirectory(Path.Combine(Work.FullName, "results")).FullName;

        var run = await Cluster.MeshInAsync(
            outputDir, "a", "run", "--on", "b", "--input", input, "--output", "*.out", "--",
            "sh", "-c", "sha256sum data.bin | cut -d' ' -f1 > sum.out; cp data.bin copy.out");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.Stderr + Cluster.Nodes["a"].Stderr + Cluster.Nodes["b"].Stderr);
            Assert.That(File.ReadAllText(Path.Combine(outputDir, "sum.out")).Trim(), Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(data))));
            Assert.That(File.ReadAllBytes(Path.Combine(outputDir, "copy.out")), Is.EqualTo(data));
        });
    }

    [Test]
    public async Task MeshCancel_RemoteTask_KillsItsWholeProcessTree()
    {
        await StartPairAsync();
        const string Marker = "301.4159";
        var submit = await Cluster.MeshAsync("a", "submit", "--on", "b", "--json", "--", "sh", "-c", $"sleep {Marker} & sleep {Marker} & echo started; wait");
        var id = JsonSerializer.Deserialize(submit.Stdout, ControlJsonContext.Default.SubmitTaskResponse)!.Ids[0];
        await WaitUntilAsync(async () => (await Cluster.MeshAsync("a", "logs", id)).Stdout.Contains("started", StringComparison.Ordinal), "the task started");
        Assert.That(Sleepers(Marker), Is.EqualTo(2), "both sleepers run on b");

        var cancel = await Cluster.MeshAsync("a", "cancel", id);
        await WaitUntilAsync(() => Task.FromResult(Sleepers(Marker) == 0), "the sleepers are gone");

        Assert.Multiple(async () =>
        {
            Assert.That(cancel.ExitCode, Is.Zero, cancel.Stderr);
            Assert.That((await Cluster.StatusAsync("a", id)).State, Is.EqualTo("cancelled"));
        });
    }

    [Test]
    public async Task MeshRun_RemoteTimeout_KillsTheTaskAndSaysSo()
    {
        await StartPairAsync();

        var run = await Cluster.MeshAsync("a", "run", "--on", "b", "--timeout", "1s", "--", "sleep", "30");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(1));
            Assert.That(run.Stderr, Does.Contain("timed out"));
        });
    }

    [Test]
    public async Task MeshRun_RemoteMemoryHog_StoppedByItsLimit()
    {
        await StartPairAsync();
        var node = await Cluster.MeshAsync("b", "node", "--json");
        var isolation = JsonSerializer.Deserialize(node.Stdout, ControlJsonContext.Default.NodeView)!.Isolation;
        if (!isolation.Any(i => i.Contains("memory", StringComparison.OrdinalIgnoreCase) && i.Contains("cgroup", StringComparison.OrdinalIgnoreCase)))
        {
            Assert.Ignore($"node b cannot enforce a memory limit here (it reports: {string.Join("; ", isolation)})");
        }

        // tail keeps a line with no newline in memory: 512 MiB of zeros against a 64 MiB limit.
        var run = await Cluster.MeshAsync("a", "run", "--on", "b", "--mem", "64MiB", "--", "sh", "-c", "head -c 536870912 /dev/zero | tail > /dev/null");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Not.Zero);
            Assert.That(run.Stderr, Does.Contain("memory limit"));
        });
    }

    [Test]
    public async Task MeshRun_PeerThatDoesNotAllowThisNode_RefusedWithAClearError()
    {
        await Cluster.StartAsync("a");
        await Cluster.StartAsync("b", "--allow", "12D3KooWRBy97UB99e3J6hiPesre1MZeuNQvfan4gBziswrRJsNK");
        await Cluster.WaitForPeersAsync("a", "b");

        var run = await Cluster.MeshAsync("a", "run", "--on", "b", "--", "true");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(1));
            Assert.That(run.Stderr, Does.Contain("refused it").And.Contain("not allowed"));
        });
    }

    [TestCase(new[] { "--on", "nobody", "--", "true" }, "unknown peer 'nobody'")]
    [TestCase(new[] { "--remote-only", "--cpu", "64", "--", "true" }, "no peer can meet cpu=64")]
    [TestCase(new[] { "--on", "b", "--input", "/nonexistent/input.bin", "--", "true" }, "no such file")]
    [TestCase(new[] { "--on", "b", "--" }, "command")]
    public async Task MeshRun_BadRequest_ClearErrorAndNothingRuns(string[] arguments, string expected)
    {
        await StartPairAsync();

        var run = await Cluster.MeshAsync("a", ["run", .. arguments]);
        var tasks = await Cluster.MeshAsync("a", "tasks", "--json");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Not.Zero);
            Assert.That(run.Stderr, Does.Contain(expected));
            Assert.That(tasks.Stdout, Does.Not.Contain("\"id\""));
        });
    }

    [Test]
    public async Task ExecutorRestartedMidTask_TaskRunsAgainAndNothingIsLost()
    {
        await StartPairAsync();
        var submit = await Cluster.MeshAsync("a", "submit", "--on", "b", "--json", "--", "sh", "-c", "echo begun; sleep 2; echo done");
        var id = JsonSerializer.Deserialize(submit.Stdout, ControlJsonContext.Default.SubmitTaskResponse)!.Ids[0];
        await WaitUntilAsync(async () => (await Cluster.MeshAsync("a", "logs", id)).Stdout.Contains("begun", StringComparison.Ordinal), "the task started on b");

        await Cluster.RestartAsync("b");
        var waited = await Cluster.MeshAsync("a", "wait", id);
        var status = await Cluster.StatusAsync("a", id);

        Assert.Multiple(async () =>
        {
            Assert.That(waited.ExitCode, Is.Zero, waited.Stderr + Cluster.Nodes["a"].Stderr);
            Assert.That(status.State, Is.EqualTo("succeeded"));
            Assert.That(status.Attempts, Is.EqualTo(2));
            Assert.That((await Cluster.MeshAsync("a", "logs", id)).Stdout, Does.EndWith("done\n"));
        });
    }

    [Test]
    public async Task OriginRestartedMidTask_TaskRunsAgainAndNothingIsLost()
    {
        await StartPairAsync();
        var submit = await Cluster.MeshAsync("a", "submit", "--on", "b", "--json", "--", "sh", "-c", "echo begun; sleep 2; echo done");
        var id = JsonSerializer.Deserialize(submit.Stdout, ControlJsonContext.Default.SubmitTaskResponse)!.Ids[0];
        await WaitUntilAsync(async () => (await Cluster.MeshAsync("a", "logs", id)).Stdout.Contains("begun", StringComparison.Ordinal), "the task started on b");

        await Cluster.RestartAsync("a");
        await Cluster.WaitForPeersAsync("a", "b");
        var waited = await Cluster.MeshAsync("a", "wait", id);
        var status = await Cluster.StatusAsync("a", id);

        Assert.Multiple(() =>
        {
            Assert.That(waited.ExitCode, Is.Zero, waited.Stderr + Cluster.Nodes["a"].Stderr);
            Assert.That(status.State, Is.EqualTo("succeeded"));
        });
    }

    private async Task StartPairAsync()
    {
        await Cluster.StartAsync("a", "--capacity", "cpu=2");
        await Cluster.StartAsync("b", "--capacity", "cpu=2");
        await Cluster.WaitForPeersAsync("a", "b");
    }

    private static int Sleepers(string marker) =>
        Directory.EnumerateDirectories("/proc").Count(dir =>
        {
            try
            {
                // The sleepers themselves, not the wrappers whose command lines quote them.
                var argv = int.TryParse(Path.GetFileName(dir), out _) ? File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0') : [];
                return argv.Length >= 2 && Path.GetFileName(argv[0]) == "sleep" && argv[1] == marker;
            }
            catch (IOException)
            {
                return false;
            }
        });

}
