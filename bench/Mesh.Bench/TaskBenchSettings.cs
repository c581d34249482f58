using System.Globalization;

namespace Mesh.Bench;

/// <summary>What the task benchmark measures.</summary>
/// <param name="Runs">Timed submissions (and timed command runs) after <paramref name="Warmup"/> untimed ones.</param>
/// <param name="Warmup">Untimed runs first.</param>
/// <param name="QueuedTasks">Tasks queued for the memory figure; 0 skips it.</param>
/// <param name="MeshPath">The published <c>mesh</c> binary; null: the repository's default publish folder.</param>
public sealed record TaskBenchSettings(int Runs, int Warmup, int QueuedTasks, string? MeshPath)
{
    /// <summary>Reads <c>--runs</c>, <c>--warmup</c>, <c>--queued</c> and <c>--mesh</c>.</summary>
    public static TaskBenchSettings Parse(ReadOnlySpan<string> args)
    {
        var settings = new TaskBenchSettings(200, 20, 10_000, null);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            settings = args[i] switch
            {
                "--runs" => settings with { Runs = Number(args[i + 1]) },
                "--warmup" => settings with { Warmup = Number(args[i + 1]) },
                "--queued" => settings with { QueuedTasks = Number(args[i + 1]) },
                "--mesh" => settings with { MeshPath = Path.GetFullPath(args[i + 1]) },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }

        return settings;
    }

    private static int Number(string text) => int.Parse(text, CultureInfo.InvariantCulture);
}
