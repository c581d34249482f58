using System.Diagnostics;
using System.Globalization;
using Mesh.Core.Control;

namespace Mesh.Bench;

/// <summary>
/// Issue 6's targets with real mesh-node processes on loopback: throughput of 10,000 <c>/bin/true</c> submitted at one
/// peer of four, against <c>xargs -P2</c> and Dask distributed on the same cores; makespan of 400 lognormal sleeps
/// on eight one-slot peers against its lower bound; and how soon a killed node's tasks run elsewhere.
/// </summary>
public static class StealBench
{
    /// <summary>Runs the benchmark and prints its figures.</summary>
    public static async Task RunAsync(StealBenchSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var work = Directory.CreateTempSubdirectory("mbench-steal-");
        try
        {
            if (settings.Tasks > 0)
            {
                await ThroughputAsync(settings.Tasks, Path.Combine(work.FullName, "throughput")).ConfigureAwait(false);
            }

            if (settings.Sleeps > 0)
            {
                await MakespanAsync(settings.Sleeps, Path.Combine(work.FullName, "makespan")).ConfigureAwait(false);
            }

            await FailoverAsync(Path.Combine(work.FullName, "failover")).ConfigureAwait(false);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static async Task ThroughputAsync(int count, string root)
    {
        double mesh;
        await using (var nodes = await StealBenchMesh.StartAsync(root, 4).ConfigureAwait(false))
        {
            var clock = Stopwatch.StartNew();
            await nodes[0].SubmitAsync(new SubmitTaskRequest { Argv = ["/bin/true"], Array = $"1-{count}" }).ConfigureAwait(false);
            await nodes[0].WaitIdleAsync(TimeSpan.FromMilliseconds(200)).ConfigureAwait(false);
            mesh = clock.Elapsed.TotalSeconds;
            var ran = (await nodes[0].TasksAsync().ConfigureAwait(false)).GroupBy(t => t.Executor).Select(g => g.Count()).OrderDescending();
            Console.WriteLine($"mesh: {count} tasks ran on the four nodes as {string.Join(" / ", ran)}");
        }

        var xargs = await TimeShellAsync($"seq {count} | xargs -n1 -P2 /bin/true").ConfigureAwait(false);
        var dask = await StealBenchDask.TimeAsync(count).ConfigureAwait(false);
        Console.WriteLine($"throughput, {count} x /bin/true, submitted at one peer of 4 (2 cores in all)");
        Console.WriteLine($"{"runner",-44} {"seconds",8} {"tasks/s",8}");
        Print("mesh (4 mesh-node, one array submission)", mesh, count);
        Print("xargs -n1 -P2 /bin/true", xargs, count);
        if (dask is { } seconds)
        {
            Print("Dask distributed (4 workers, subprocess)", seconds, count);
        }
        else
        {
            Console.WriteLine("Dask distributed: not installed (apt-get install -y python3-distributed): no Dask row this run");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"mesh/xargs {xargs / mesh:0.00}x{(dask is { } d ? $", mesh/Dask {d / mesh:0.00}x" : "")}; target (issue 6): >= 0.5x xargs and >= 1.5x Dask"));
    }

    private static async Task MakespanAsync(int count, string root)
    {
        // Lognormal with mean 50 ms: sigma 1, mu = ln(50) - 1/2; a fixed seed so every run sleeps the same.
        var random = new Random(42);
        var durations = Enumerable.Range(0, count).Select(_ =>
        {
            var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            return Math.Exp(Math.Log(50) - 0.5 + normal);
        }).ToArray();
        const int Peers = 8;
        var bound = Math.Max(durations.Sum() / Peers, durations.Max()) / 1000;
        await using var nodes = await StealBenchMesh.StartAsync(root, Peers, "--capacity", "cpu=1").ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        foreach (var ms in durations)
        {
            await nodes[0].SubmitAsync(new SubmitTaskRequest { Argv = ["sleep", (ms / 1000).ToString("0.000", CultureInfo.InvariantCulture)] }).ConfigureAwait(false);
        }

        await nodes[0].WaitIdleAsync(TimeSpan.FromMilliseconds(50)).ConfigureAwait(false);
        var makespan = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"makespan, {count} sleeps (lognormal, mean {durations.Average():0.0} ms, longest {durations.Max():0} ms) at one of {Peers} one-slot peers: {makespan:0.00} s; lower bound {bound:0.00} s; ratio {makespan / bound:0.00} (target <= 1.15)"));
    }

    private static async Task FailoverAsync(string root)
    {
        await using var nodes = await StealBenchMesh.StartAsync(root, 4).ConfigureAwait(false);
        var victim = (await nodes[3].NodeAsync().ConfigureAwait(false)).Id;
        // Six tasks on eight slots: the killed node's tasks have somewhere to go at once.
        var ids = await nodes[0].SubmitAsync(new SubmitTaskRequest { Argv = ["sleep", "5"], Array = "1-6", Retries = 2 }).ConfigureAwait(false);
        IReadOnlyList<TaskStatusView> onVictim = [];
        while (onVictim.Count == 0)
        {
            onVictim = [.. (await nodes[0].TasksAsync().ConfigureAwait(false)).Where(t => t.State == "running" && t.Executor == victim)];
            await Task.Delay(50).ConfigureAwait(false);
        }

        var clock = Stopwatch.StartNew();
        await nodes.KillAsync(3).ConfigureAwait(false);
        var moved = onVictim.Select(t => t.Id).ToHashSet();
        while (moved.Count > 0 && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            foreach (var task in await nodes[0].TasksAsync().ConfigureAwait(false))
            {
                if (moved.Contains(task.Id) && task.Executor != victim && task.State is "running" or "succeeded")
                {
                    moved.Remove(task.Id);
                }
            }

            await Task.Delay(50).ConfigureAwait(false);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"failover: {onVictim.Count} of {ids.Length} tasks ran on the node killed; all running elsewhere {clock.Elapsed.TotalSeconds:0.0} s after the kill{(moved.Count > 0 ? $" ({moved.Count} NOT moved within 60 s)" : "")} (target <= 5 s)"));
    }

    private static void Print(string label, double seconds, int count) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label,-44} {seconds,8:0.00} {count / seconds,8:0}"));

    private static async Task<double> TimeShellAsync(string command)
    {
        var start = new ProcessStartInfo("sh") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        await process.WaitForExitAsync().ConfigureAwait(false);
        return clock.Elapsed.TotalSeconds;
    }
}
