using System.Globalization;

namespace Mesh.Bench;

/// <summary>What the work-stealing benchmark measures.</summary>
/// <param name="Tasks">Tasks of the throughput run; 0 skips it.</param>
/// <param name="Sleeps">Tasks of the makespan run; 0 skips it.</param>
public sealed record StealBenchSettings(int Tasks, int Sleeps)
{
    /// <summary>Reads <c>--tasks</c> and <c>--sleeps</c>.</summary>
    public static StealBenchSettings Parse(ReadOnlySpan<string> args)
    {
        var settings = new StealBenchSettings(10_000, 400);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            settings = args[i] switch
            {
                "--tasks" => settings with { Tasks = int.Parse(args[i + 1], CultureInfo.InvariantCulture) },
                "--sleeps" => settings with { Sleeps = int.Parse(args[i + 1], CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }

        return settings;
    }
}
