using System.Diagnostics;
using System.Globalization;
using Mesh.Node.Control;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mesh.Bench;

/// <summary>
/// Issue 4's control API targets: <c>mesh peers</c> with 50 peers within 100 ms counting the CLI's start-up, timed
/// against curl making the same request on the same socket in the same run; and an idle mesh-node's memory and CPU.
/// </summary>
public static class ControlBench
{
    /// <summary>Runs the benchmark and prints its figures.</summary>
    public static async Task RunAsync(ControlBenchSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var mesh = settings.MeshPath ?? BenchPaths.PublishedMesh();
        if (!File.Exists(mesh))
        {
            throw new FileNotFoundException($"no published mesh at {mesh}: run `dotnet publish Mesh.Cli -c Release` first, or pass --mesh PATH", mesh);
        }

        var work = Directory.CreateTempSubdirectory("mbench-");
        try
        {
            await TimeCommandsAsync(settings, mesh, Path.Combine(work.FullName, "control.sock")).ConfigureAwait(false);
            if (settings.IdleSeconds > 0)
            {
                await MeasureIdleNodeAsync(settings.IdleSeconds, Path.Combine(work.FullName, "node")).ConfigureAwait(false);
            }
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static async Task TimeCommandsAsync(ControlBenchSettings settings, string mesh, string socket)
    {
        await using var server = new ControlServer(new ControlBenchNode(settings.Peers), new ControlServerOptions { SocketPath = socket }, NullLoggerFactory.Instance);
        await server.StartAsync().ConfigureAwait(false);
        var node = "unix:" + socket;
        var commands = new List<CommandTimer.TimedCommand>
        {
            new("mesh peers", [mesh, "peers", "--node", node]),
            new("mesh peers --json", [mesh, "peers", "--json", "--node", node]),
        };
        if (CommandTimer.FindOnPath("curl") is { } curl)
        {
            commands.Add(new("curl --unix-socket (peer)", [curl, "-sf", "--unix-socket", socket, "http://localhost/v1/peers"]));
        }
        else
        {
            Console.WriteLine("curl is not installed (apt-get install -y curl): no peer row this run");
        }

        var (samples, tool) = await CommandTimer.TimeAsync(commands, settings.Runs, settings.Warmup).ConfigureAwait(false);
        Console.WriteLine($"control API: {settings.Peers} peers, {settings.Runs} runs each after {settings.Warmup} warm-up, timed by {tool}, process start to exit");
        Console.WriteLine($"{"command",-28} {"p50 ms",8} {"p95 ms",8} {"max ms",8}");
        for (var i = 0; i < commands.Count; i++)
        {
            var s = samples[i];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{commands[i].Label,-28} {Samples.Quantile(s, 0.5),8:0.0} {Samples.Quantile(s, 0.95),8:0.0} {s.Max(),8:0.0}"));
        }

        Console.WriteLine("target (issue 4): mesh peers p95 <= 100 ms");
    }

    private static async Task MeasureIdleNodeAsync(int idleSeconds, string dataDir)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "mesh-node.dll"), "--data-dir", dataDir, "--listen", "/ip4/127.0.0.1/tcp/0", "--no-mdns" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            // The node prints its addresses on stdout once it listens: idle starts there.
            while (await process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line && !line.StartsWith("listening on", StringComparison.Ordinal))
            {
            }

            await Task.Delay(TimeSpan.FromSeconds(idleSeconds)).ConfigureAwait(false);
            var cpuBefore = CpuTicks(process.Id);
            var clock = Stopwatch.StartNew();
            await Task.Delay(TimeSpan.FromSeconds(idleSeconds)).ConfigureAwait(false);
            var cpuPercent = (CpuTicks(process.Id) - cpuBefore) / 100.0 / clock.Elapsed.TotalSeconds * 100;
            var rss = VmRssKiB(process.Id);
            var serving = File.Exists(Path.Combine(dataDir, ControlServerOptions.DefaultFileName));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"idle mesh-node (--no-mdns, loopback, {idleSeconds} s after start): VmRSS {rss / 1024.0:0.0} MiB, CPU {cpuPercent:0.00}% of one core over the next {idleSeconds} s; control socket {(serving ? "served" : "NOT served (not wired into mesh-node yet)")}"));
            Console.WriteLine("target (issue 4): <= 80 MB resident, < 1% of one core");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().ConfigureAwait(false);
            _ = await stderr.ConfigureAwait(false);
        }
    }

    private static long VmRssKiB(int pid) =>
        long.Parse(File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    // utime + stime (fields 14 and 15 of /proc/PID/stat), in clock ticks of 1/100 s.
    private static long CpuTicks(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }
}
