using System.Globalization;
using System.Runtime.InteropServices;

namespace Mesh.Bench;

/// <summary>
/// Connection setup (connect, secure, mux, open a stream, 1-byte request and response) and single-stream
/// throughput, for Mesh.Libp2p and js-libp2p, each with the raw-TCP figure of its own harness as the ratio's base.
/// </summary>
public static class TransportBench
{
    /// <summary>Runs every row and prints a markdown table.</summary>
    public static async Task RunAsync(TransportBenchSettings settings)
    {
        var root = FindRepositoryRoot();
        var raw = await RawTcpBench.RunAsync(settings).ConfigureAwait(false);
        var mesh = await Libp2pBench.RunAsync(settings, withPnet: false, raw).ConfigureAwait(false);
        var meshPnet = await Libp2pBench.RunAsync(settings, withPnet: true, raw).ConfigureAwait(false);
        var (jsRaw, js, nodeVersion) = await JsBench.RunAsync(root, settings).ConfigureAwait(false);

        var invariant = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(invariant, $"transport benchmark: loopback, {Environment.ProcessorCount} cores, .NET {RuntimeInformation.FrameworkDescription}, Node.js {nodeVersion}"));
        Console.WriteLine(string.Create(invariant, $"setup: median and p95 of {settings.SetupIterations} connections; throughput: best of {settings.ThroughputRuns} x {settings.ThroughputMiB} MiB on one stream"));
        Console.WriteLine();
        Console.WriteLine("| stack | setup median (ms) | setup p95 (ms) | setup vs raw TCP | throughput (MiB/s) | throughput vs raw TCP |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var row in new[] { raw, mesh, meshPnet, jsRaw, js })
        {
            var setupRatio = row.Baseline is null ? "1" : (row.SetupMedianMs / row.Baseline.SetupMedianMs).ToString("0.0", invariant) + "x";
            var throughputRatio = row.Baseline is null ? "1" : (row.ThroughputMiBs / row.Baseline.ThroughputMiBs).ToString("0.00", invariant) + "x";
            Console.WriteLine(string.Create(invariant, $"| {row.Name} | {row.SetupMedianMs:0.00} | {row.SetupP95Ms:0.00} | {setupRatio} | {row.ThroughputMiBs:0} | {throughputRatio} |"));
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(invariant, $"Mesh.Libp2p vs js-libp2p: setup {js.SetupMedianMs / mesh.SetupMedianMs:0.0}x faster, throughput {mesh.ThroughputMiBs / js.ThroughputMiBs:0.0}x higher"));
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Mesh.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("run the benchmark from inside the Mesh repository");
    }
}
