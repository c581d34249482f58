using System.Globalization;

namespace Mesh.Bench.Lab;

/// <summary>How the real-process gossip benchmark runs.</summary>
/// <param name="CSharpPeers">Mesh peer processes (the bench itself in its hidden <c>lab-peer</c> role).</param>
/// <param name="JsPeers">js-libp2p peer processes (interop/js/peer.mjs with --mdns --gossip).</param>
/// <param name="Messages">Messages published, round-robin over every peer.</param>
/// <param name="IntervalMs">Time between two publishes.</param>
/// <param name="TimeoutSeconds">How long the peers get to connect to each other, and the messages to arrive.</param>
/// <param name="LogDirectory">Where each Mesh peer writes its Debug log (peer-N.log); null for none.</param>
public sealed record LabGossipSettings(int CSharpPeers, int JsPeers, int Messages, double IntervalMs, int TimeoutSeconds, string? LogDirectory = null)
{
    /// <summary>Every peer process.</summary>
    public int TotalPeers => CSharpPeers + JsPeers;

    /// <summary>Reads <c>--peers N</c>, <c>--js M</c>, <c>--messages K</c>, <c>--interval-ms T</c>, <c>--timeout-s S</c>, <c>--log-dir DIR</c>.</summary>
    public static LabGossipSettings Parse(ReadOnlySpan<string> args)
    {
        var settings = new LabGossipSettings(8, 0, 200, 20, 30);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            settings = args[i] switch
            {
                "--peers" => settings with { CSharpPeers = int.Parse(value, CultureInfo.InvariantCulture) },
                "--js" => settings with { JsPeers = int.Parse(value, CultureInfo.InvariantCulture) },
                "--messages" => settings with { Messages = int.Parse(value, CultureInfo.InvariantCulture) },
                "--interval-ms" => settings with { IntervalMs = double.Parse(value, CultureInfo.InvariantCulture) },
                "--timeout-s" => settings with { TimeoutSeconds = int.Parse(value, CultureInfo.InvariantCulture) },
                "--log-dir" => settings with { LogDirectory = Path.GetFullPath(value) },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }

        if (args.Length % 2 != 0)
        {
            throw new ArgumentException($"option {args[^1]} needs a value");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(settings.CSharpPeers, "--peers");
        ArgumentOutOfRangeException.ThrowIfNegative(settings.JsPeers, "--js");
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.TotalPeers, 2, "--peers + --js");
        ArgumentOutOfRangeException.ThrowIfGreaterThan(settings.TotalPeers, 64, "--peers + --js");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(settings.Messages, "--messages");
        ArgumentOutOfRangeException.ThrowIfGreaterThan(settings.Messages, 100_000, "--messages");
        ArgumentOutOfRangeException.ThrowIfNegative(settings.IntervalMs, "--interval-ms");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(settings.TimeoutSeconds, "--timeout-s");
        ArgumentOutOfRangeException.ThrowIfGreaterThan(settings.TimeoutSeconds, 600, "--timeout-s");
        return settings;
    }
}
