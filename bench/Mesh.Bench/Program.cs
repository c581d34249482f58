namespace Mesh.Bench;

/// <summary>Mesh benchmarks. Each compares Mesh with a peer measured in the same run.</summary>
public static class Program
{
    /// <summary>Entry point: <c>transport [--setup-iterations N] [--throughput-mib M] [--throughput-runs R]</c>.</summary>
    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || args[0] != "transport")
        {
            await Console.Error.WriteLineAsync("usage: Mesh.Bench transport [--setup-iterations N] [--throughput-mib M] [--throughput-runs R]").ConfigureAwait(false);
            return 2;
        }

        var settings = TransportBenchSettings.Parse(args.AsSpan(1));
        await TransportBench.RunAsync(settings).ConfigureAwait(false);
        return 0;
    }
}
