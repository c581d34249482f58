using System.Globalization;

namespace Mesh.Bench.Lab;

/// <summary>Prints one lab run's figures, and each against issue 3's target.</summary>
public static class LabGossipReport
{
    private const double ConnectTargetMs = 1500;
    private const double ReachAllTargetMs = 100;

    /// <summary>Writes the summary to stdout.</summary>
    public static void Print(
        LabGossipSettings settings,
        IReadOnlyList<LabStartup> startup,
        bool allConnected,
        string notSubscribed,
        LabDelivery delivery,
        TimeSpan publishing,
        string loadBefore,
        string loadAfter)
    {
        var o = Console.Out;
        o.WriteLine(F($"lab-gossip: {settings.CSharpPeers} Mesh + {settings.JsPeers} js peer processes, {settings.Messages} messages every {settings.IntervalMs} ms ({publishing.TotalSeconds:F1} s), {Environment.ProcessorCount} cores, load {loadBefore} -> {loadAfter}"));
        if (!allConnected)
        {
            o.WriteLine(F($"NOT every peer connected to every other within {settings.TimeoutSeconds} s"));
        }

        if (notSubscribed.Length > 0)
        {
            o.WriteLine(F($"NOT every peer saw every other subscribe within {settings.TimeoutSeconds} s: {notSubscribed}"));
        }

        o.WriteLine();
        o.WriteLine("| from spawn (ms) | peers | p50 | p95 | max |");
        o.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var kind in startup.Select(s => s.Peer.Kind).Distinct().Order())
        {
            var mine = startup.Where(s => s.Peer.Kind == kind).ToList();
            Row(o, $"{kind}: ready (listening, mDNS started)", [.. mine.Select(s => s.ReadyMs)], mine.Count);
            Row(o, $"{kind}: discovered all others by mDNS", [.. mine.Where(s => s.DiscoveredAllMs is not null).Select(s => s.DiscoveredAllMs!.Value)], mine.Count);
            Row(o, $"{kind}: connected to all others", [.. mine.Where(s => s.ConnectedAllMs is not null).Select(s => s.ConnectedAllMs!.Value)], mine.Count);
            Row(o, $"{kind}: ready to connected to all", [.. mine.Where(s => s.ConnectedAllMs is not null).Select(s => s.ConnectedAllMs!.Value - s.ReadyMs)], mine.Count);
        }

        var connected = startup.Where(s => s.ConnectedAllMs is not null).Select(s => s.ConnectedAllMs!.Value).ToList();
        o.WriteLine();
        o.WriteLine("| gossip (ms) | samples | p50 | p99 | max |");
        o.WriteLine("|---|---:|---:|---:|---:|");
        Row(o, "one delivery", delivery.LatenciesMs, delivery.LatenciesMs.Count, p99: true);
        Row(o, "a message reaching all others", delivery.ReachedAllMs, delivery.ReachedAllMs.Count, p99: true);
        if (delivery.ByPair.Count > 1)
        {
            foreach (var ((from, to), list) in delivery.ByPair.OrderBy(p => p.Key))
            {
                Row(o, $"one delivery {from} -> {to}", list, list.Count, p99: true);
            }
        }

        o.WriteLine();
        o.WriteLine(F($"delivered {delivery.Delivered} of {delivery.Expected} ({100.0 * delivery.Delivered / delivery.Expected:F2} %), duplicates {delivery.Duplicates}, own copies {delivery.OwnCopies}; messages that reached all others: {delivery.ReachedAllMs.Count} of {settings.Messages}"));
        o.WriteLine("targets (issue 3):");
        Target(o, "every peer connected to all others, p95 from spawn <= 1.5 s", connected.Count == startup.Count && Samples.Quantile(connected, 0.95) <= ConnectTargetMs);
        Target(o, "a message reaches all peers, p99 <= 100 ms", delivery.ReachedAllMs.Count == settings.Messages && Samples.Quantile(delivery.ReachedAllMs, 0.99) <= ReachAllTargetMs);
        Target(o, "100 % delivery, no duplicates", delivery.Delivered == delivery.Expected && delivery.Duplicates == 0);
    }

    private static void Row(TextWriter o, string name, IReadOnlyList<double> values, int of, bool p99 = false)
    {
        var count = values.Count == of ? of.ToString(CultureInfo.InvariantCulture) : $"{values.Count} of {of}";
        o.WriteLine(values.Count == 0
            ? $"| {name} | {count} | - | - | - |"
            : F($"| {name} | {count} | {Samples.Quantile(values, 0.5):F1} | {Samples.Quantile(values, p99 ? 0.99 : 0.95):F1} | {values.Max():F1} |"));
    }

    private static void Target(TextWriter o, string what, bool met) => o.WriteLine($"  {(met ? "met" : "NOT met")}: {what}");

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
