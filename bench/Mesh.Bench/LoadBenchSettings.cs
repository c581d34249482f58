using System.Globalization;

namespace Mesh.Bench;

/// <summary>What the control API load benchmark does.</summary>
/// <param name="Queued">Tasks queued at the node before the clients start.</param>
/// <param name="Clients">Concurrent clients.</param>
/// <param name="Seconds">How long the clients run.</param>
public sealed record LoadBenchSettings(int Queued, int Clients, int Seconds)
{
    /// <summary>Reads <c>--queued</c>, <c>--clients</c> and <c>--seconds</c>.</summary>
    public static LoadBenchSettings Parse(ReadOnlySpan<string> args)
    {
        var settings = new LoadBenchSettings(50_000, 100, 30);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            settings = args[i] switch
            {
                "--queued" => settings with { Queued = value },
                "--clients" => settings with { Clients = value },
                "--seconds" => settings with { Seconds = value },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }

        return settings;
    }
}
