using System.Diagnostics;
using System.Globalization;
using Mesh.Core.Control;

namespace Mesh.Bench;

/// <summary>
/// Issue 5's targets, with real mesh-node processes on loopback: submission to result at the origin for <c>true</c> on
/// a remote peer (against the same on the origin itself); the whole <c>mesh run --on PEER -- true</c> command against
/// <c>ssh</c> to a private local sshd running <c>true</c>, timed in the same run; and the memory 10,000 queued tasks add.
/// </summary>
public static class TaskBench
{
    /// <summary>Runs the benchmark and prints its figures.</summary>
    public static async Task RunAsync(TaskBenchSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var work = Directory.CreateTempSubdirectory("mbench-tasks-");
        try
        {
            await using (var origin = await TaskBenchNode.StartAsync(Path.Combine(work.FullName, "origin"), "--name", "origin").ConfigureAwait(false))
            await using (var worker = await TaskBenchNode.StartAsync(
                Path.Combine(work.FullName, "worker"), "--name", "worker", "--peer", origin.Address, "--mesh-key", Path.Combine(origin.DataDir, "swarm.key")).ConfigureAwait(false))
            {
                await WaitForPeerAsync(origin, "worker").ConfigureAwait(false);
                await TimeSubmissionsAsync(origin, settings).ConfigureAwait(false);
                await TimeCommandsAsync(origin, settings).ConfigureAwait(false);
            }

            await TaskBenchExecutor.RunAsync(settings.Runs, settings.Warmup, Path.Combine(work.FullName, "executor")).ConfigureAwait(false);
            if (settings.QueuedTasks > 0)
            {
                await MeasureQueueAsync(Path.Combine(work.FullName, "queue"), settings.QueuedTasks).ConfigureAwait(false);
            }
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static async Task WaitForPeerAsync(TaskBenchNode node, string name)
    {
        for (var i = 0; i < 300; i++)
        {
            if ((await node.PeersAsync().ConfigureAwait(false)).Peers.Any(p => p.Name == name))
            {
                return;
            }

            await Task.Delay(100).ConfigureAwait(false);
        }

        throw new InvalidOperationException($"peer {name} never appeared in the origin's peer table");
    }

    private static async Task TimeSubmissionsAsync(TaskBenchNode origin, TaskBenchSettings settings)
    {
        Console.WriteLine($"submission to result at the origin, `true`, {settings.Runs} sequential tasks after {settings.Warmup} warm-up");
        Console.WriteLine($"{"where",-28} {"p50 ms",8} {"p99 ms",8} {"max ms",8}   (client: POST /v1/tasks, then POST wait, over the control socket)");
        foreach (var (label, request) in new[]
        {
            ("remote peer (--on worker)", new SubmitTaskRequest { Argv = ["true"], Placement = "peer", Peer = "worker" }),
            ("this node (--local)", new SubmitTaskRequest { Argv = ["true"], Placement = "local" }),
        })
        {
            var samples = new List<double>();
            for (var i = 0; i < settings.Warmup + settings.Runs; i++)
            {
                var clock = Stopwatch.StartNew();
                var id = (await origin.SubmitAsync(request).ConfigureAwait(false))[0];
                var status = await origin.WaitAsync(id).ConfigureAwait(false);
                var elapsed = clock.Elapsed.TotalMilliseconds;
                if (status.State != "succeeded")
                {
                    throw new InvalidOperationException($"task {id} ended {status.State}: {status.Error}");
                }

                if (i >= settings.Warmup)
                {
                    samples.Add(elapsed);
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{label,-28} {Samples.Quantile(samples, 0.5),8:0.00} {Samples.Quantile(samples, 0.99),8:0.00} {samples.Max(),8:0.00}"));
        }

        Console.WriteLine("target (issue 5): remote p50 <= 5 ms, p99 <= 20 ms");
    }

    private static async Task TimeCommandsAsync(TaskBenchNode origin, TaskBenchSettings settings)
    {
        var mesh = settings.MeshPath ?? BenchPaths.PublishedMesh();
        if (!File.Exists(mesh))
        {
            Console.WriteLine($"no published mesh at {mesh} (dotnet publish Mesh.Cli -c Release): no command rows this run");
            return;
        }

        await using var sshd = await TaskBenchSshd.StartAsync().ConfigureAwait(false);
        var node = "unix:" + origin.Socket;
        var commands = new List<CommandTimer.TimedCommand>
        {
            new("mesh run --on worker -- true", [mesh, "run", "--node", node, "--on", "worker", "--", "true"]),
            new("mesh run --local -- true", [mesh, "run", "--node", node, "--local", "--", "true"]),
        };
        if (sshd is not null)
        {
            commands.Add(new("ssh 127.0.0.1 true", sshd.SshArgv("true")));
        }
        else
        {
            Console.WriteLine("openssh-server is not installed (apt-get install -y openssh-server): no ssh row this run");
        }

        var (samples, tool) = await CommandTimer.TimeAsync(commands, Math.Min(settings.Runs, 100), Math.Min(settings.Warmup, 10)).ConfigureAwait(false);
        Console.WriteLine($"whole commands, process start to exit, timed by {tool}");
        Console.WriteLine($"{"command",-30} {"p50 ms",8} {"p95 ms",8} {"max ms",8}");
        for (var i = 0; i < commands.Count; i++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{commands[i].Label,-30} {Samples.Quantile(samples[i], 0.5),8:0.0} {Samples.Quantile(samples[i], 0.95),8:0.0} {samples[i].Max(),8:0.0}"));
        }

        Console.WriteLine("target (issue 5): mesh run --on PEER at most half of ssh");
    }

    // A node with one slot, held by a sleeper, so everything submitted after it stays queued.
    private static async Task MeasureQueueAsync(string dataDir, int count)
    {
        await using var node = await TaskBenchNode.StartAsync(dataDir, "--name", "queue", "--capacity", "cpu=1").ConfigureAwait(false);
        var sleeper = (await node.SubmitAsync(new SubmitTaskRequest { Argv = ["sleep", "600"], Placement = "local" }).ConfigureAwait(false))[0];
        await SettleAsync().ConfigureAwait(false);
        var before = node.ResidentKiB();
        var clock = Stopwatch.StartNew();
        var ids = await node.SubmitAsync(new SubmitTaskRequest { Argv = ["echo", "{}"], Placement = "local", Array = $"1-{count}" }).ConfigureAwait(false);
        var submitted = clock.Elapsed.TotalMilliseconds;
        await SettleAsync().ConfigureAwait(false);
        var after = node.ResidentKiB();
        var queued = (await node.NodeAsync().ConfigureAwait(false)).Id;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{ids.Length} queued tasks (one array submission, {submitted:0} ms): VmRSS {before / 1024.0:0.0} -> {after / 1024.0:0.0} MiB (+{(after - before) / 1024.0:0.0} MiB) on node {queued[..12]}… (sleeper {sleeper} holds its only slot)"));
        Console.WriteLine("target (issue 5): 10,000 queued tasks add at most 50 MB");
    }

    // Lets the scheduler pass, the ledger publish and the GC settle before memory is read.
    private static Task SettleAsync() => Task.Delay(TimeSpan.FromSeconds(5));
}
