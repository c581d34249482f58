using System.Globalization;
using Mesh.Libp2p.PubSub;

namespace Mesh.Bench;

/// <summary>How much the gossip benchmark measures.</summary>
/// <param name="PeerCounts">Swarm sizes, each run in turn.</param>
/// <param name="Messages">Messages published per swarm; null picks 1000 up to 16 peers and 200 above.</param>
/// <param name="IntervalMs">
/// Time between two publishes, so that latency is dissemination rather than queueing; null picks 5 ms up to 16 peers
/// and 100 ms above (every in-process host shares the same 2 cores, so a large swarm saturates them sooner).
/// </param>
/// <param name="DHigh">The routers' D_hi; null keeps the default (12).</param>
/// <param name="FloodPublish">Whether publishers send to every subscribed neighbour, not only their mesh (default on).</param>
/// <param name="Seed">Seed of the random graph and of the choice of publishers.</param>
/// <param name="Preset">The router options: <c>spec</c> (the library defaults, as the spec and js) or <c>lan</c> (<see cref="Mesh.Libp2p.PubSub.GossipsubOptions.ForLan"/>).</param>
/// <param name="AllPairs">Connect every pair of hosts (as mDNS on one LAN would) instead of the sparse random graph.</param>
/// <param name="PeerExchange">Overrides the preset's <see cref="GossipsubOptions.DoPeerExchange"/> when set.</param>
/// <param name="Profile">Instead of swarms, print where connection set-up time goes (<see cref="GossipConnectProfile"/>).</param>
public sealed record GossipBenchSettings(IReadOnlyList<int> PeerCounts, int? Messages, double? IntervalMs, int? DHigh, bool FloodPublish, int Seed, string Preset = "spec", bool AllPairs = false, bool? PeerExchange = null, bool Profile = false)
{
    /// <summary>
    /// Reads <c>--peers 8,16,200</c>, <c>--messages M</c>, <c>--interval-ms T</c>, <c>--d-high H</c>,
    /// <c>--flood-publish true|false</c>, <c>--seed S</c>, <c>--preset spec|lan</c>, <c>--all-pairs true</c>, <c>--px true|false</c> and <c>--profile true</c>.
    /// </summary>
    public static GossipBenchSettings Parse(ReadOnlySpan<string> args)
    {
        var settings = new GossipBenchSettings([8, 16, 200], null, null, null, true, 1);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            settings = args[i] switch
            {
                "--peers" => settings with { PeerCounts = [.. value.Split(',').Select(p => int.Parse(p, CultureInfo.InvariantCulture))] },
                "--messages" => settings with { Messages = int.Parse(value, CultureInfo.InvariantCulture) },
                "--interval-ms" => settings with { IntervalMs = double.Parse(value, CultureInfo.InvariantCulture) },
                "--d-high" => settings with { DHigh = int.Parse(value, CultureInfo.InvariantCulture) },
                "--flood-publish" => settings with { FloodPublish = bool.Parse(value) },
                "--seed" => settings with { Seed = int.Parse(value, CultureInfo.InvariantCulture) },
                "--preset" => settings with { Preset = value is "spec" or "lan" ? value : throw new ArgumentException("--preset is spec or lan") },
                "--profile" => settings with { Profile = bool.Parse(value) },
                "--all-pairs" => settings with { AllPairs = bool.Parse(value) },
                "--px" => settings with { PeerExchange = bool.Parse(value) },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }

        if (settings.PeerCounts.Any(n => n < 3))
        {
            throw new ArgumentException("--peers needs at least 3 peers per swarm");
        }

        return settings;
    }

    /// <summary>The router options of every host: the preset, then <see cref="DHigh"/>, <see cref="FloodPublish"/> and <see cref="PeerExchange"/>.</summary>
    public GossipsubOptions CreateOptions()
    {
        var options = Preset == "lan" ? GossipsubOptions.ForLan() : new GossipsubOptions();
        options.FloodPublish = FloodPublish;
        options.DoPeerExchange = PeerExchange ?? options.DoPeerExchange;
        if (DHigh is { } high)
        {
            options.DHigh = high;
        }

        options.Validate();
        return options;
    }

    /// <summary>The messages to publish in a swarm of <paramref name="peers"/>.</summary>
    public int MessagesFor(int peers) => Messages ?? (peers <= 16 ? 1000 : 200);

    /// <summary>The time between two publishes in a swarm of <paramref name="peers"/>, in milliseconds.</summary>
    public double IntervalMsFor(int peers) => IntervalMs ?? (peers <= 16 ? 5 : 100);
}
