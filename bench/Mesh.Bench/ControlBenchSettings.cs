using System.Globalization;

namespace Mesh.Bench;

/// <summary>What the control API benchmark measures.</summary>
/// <param name="Runs">Timed runs of each command (after <paramref name="Warmup"/> untimed ones).</param>
/// <param name="Warmup">Untimed runs first (page cache, the server's JIT).</param>
/// <param name="Peers">Peers in the served table.</param>
/// <param name="MeshPath">The published <c>mesh</c> binary; null: the repository's default publish folder.</param>
/// <param name="IdleSeconds">How long the idle mesh-node runs before its memory is read; 0 skips it.</param>
public sealed record ControlBenchSettings(int Runs, int Warmup, int Peers, string? MeshPath, int IdleSeconds)
{
    /// <summary>Reads <c>--runs</c>, <c>--warmup</c>, <c>--peers</c>, <c>--mesh</c> and <c>--idle-seconds</c>.</summary>
    public static ControlBenchSettings Parse(ReadOnlySpan<string> args)
    {
        var settings = new ControlBenchSettings(100, 10, 50, null, 10);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            settings = args[i] switch
            {
                "--runs" => settings with { Runs = Number(args[i + 1]) },
                "--warmup" => settings with { Warmup = Number(args[i + 1]) },
                "--peers" => settings with { Peers = Number(args[i + 1]) },
                "--mesh" => settings with { MeshPath = Path.GetFullPath(args[i + 1]) },
                "--idle-seconds" => settings with { IdleSeconds = Number(args[i + 1]) },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }

        return settings;
    }

    private static int Number(string text) => int.Parse(text, CultureInfo.InvariantCulture);
}
