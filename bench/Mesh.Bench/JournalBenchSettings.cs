using System.Globalization;

namespace Mesh.Bench;

/// <summary>What the journal benchmark does.</summary>
/// <param name="Appends">Entries appended one by one, each made durable before the next (and as many SQLite commits).</param>
/// <param name="Entries">Entries in the journal that is verified and reopened.</param>
public sealed record JournalBenchSettings(int Appends, int Entries)
{
    /// <summary>Reads <c>--appends</c> and <c>--entries</c>.</summary>
    public static JournalBenchSettings Parse(ReadOnlySpan<string> args)
    {
        var settings = new JournalBenchSettings(2_000, 100_000);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            settings = args[i] switch
            {
                "--appends" => settings with { Appends = value },
                "--entries" => settings with { Entries = value },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }

        return settings;
    }
}
