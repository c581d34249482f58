using System.Globalization;

namespace Mesh.Bench;

/// <summary>How much the transport benchmark measures.</summary>
/// <param name="SetupIterations">Connection setups timed (after 5 warm-up rounds).</param>
/// <param name="ThroughputMiB">MiB sent one way in each throughput run.</param>
/// <param name="ThroughputRuns">Throughput runs; the best is reported.</param>
public sealed record TransportBenchSettings(int SetupIterations, int ThroughputMiB, int ThroughputRuns)
{
    /// <summary>Reads <c>--setup-iterations</c>, <c>--throughput-mib</c> and <c>--throughput-runs</c>.</summary>
    public static TransportBenchSettings Parse(ReadOnlySpan<string> args)
    {
        var settings = new TransportBenchSettings(50, 256, 3);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            settings = args[i] switch
            {
                "--setup-iterations" => settings with { SetupIterations = value },
                "--throughput-mib" => settings with { ThroughputMiB = value },
                "--throughput-runs" => settings with { ThroughputRuns = value },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }

        return settings;
    }

    /// <summary>The same settings as arguments for the js side.</summary>
    public IEnumerable<string> ToArguments() =>
    [
        "--setup-iterations", SetupIterations.ToString(CultureInfo.InvariantCulture),
        "--throughput-mib", ThroughputMiB.ToString(CultureInfo.InvariantCulture),
        "--throughput-runs", ThroughputRuns.ToString(CultureInfo.InvariantCulture),
    ];
}
