using Mesh.Core.Control;
using Mesh.Core.Resources;

namespace Mesh.Cli.Output;

/// <summary>
/// The human form of <c>mesh peers</c>: one row per peer (this node marked <c>*</c>, a peer whose journal forked
/// marked <c>!</c>), ranked, within 80 columns, then the virtual layer's totals in the same columns, then one line per
/// forked journal saying what was seen.
/// </summary>
public static class PeersTable
{
    /// <summary>The most characters any line takes.</summary>
    public const int MaxWidth = 80;

    private const int FirstSurplusColumn = 4;
    /// <summary>How many characters of a peer id the tables show.</summary>
    public const int ShortIdLength = 8;

    private static readonly TextTable Table = new(
    [
        new("NAME", 12),
        new("ID", ShortIdLength),
        new("SCORE", 5, RightAligned: true),
        new("RANK", 4, RightAligned: true),
        new("CPU", 5, RightAligned: true),
        new("MEM", ByteSize.MaxShortWidth, RightAligned: true),
        new("DISK", ByteSize.MaxShortWidth, RightAligned: true),
        new("GPU", 3, RightAligned: true),
        new("QUEUE/RUN", 9, RightAligned: true),
        new("GIVEN", Units.MaxCpuSecondsWidth, RightAligned: true),
        new("USED", Units.MaxCpuSecondsWidth, RightAligned: true),
        new("SEEN", 4, RightAligned: true),
    ]);

    /// <summary>The mark before the name of a peer whose journal forked (it rewrote its history).</summary>
    public const string ForkedMark = "!";

    /// <summary>Writes the table for <paramref name="view"/>; <paramref name="now"/> dates the "seen" column.</summary>
    public static void Write(TextWriter output, PeersView view, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(view);
        output.WriteLine(SurplusBanner());
        output.WriteLine(Table.Header());
        foreach (var peer in Ranked(view.Peers))
        {
            output.WriteLine(Table.Row(
                (peer.IsSelf || peer.Id == view.Self ? "*" : "") + (IsForked(peer) ? ForkedMark : "") + peer.Name,
                ShortId(peer.Id),
                Units.Score(peer.Score),
                peer.Rank > 0 ? peer.Rank.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-",
                Units.Cpu(peer.Surplus.Cpu),
                Units.MemoryShort(peer.Surplus.Memory),
                Units.DiskShort(peer.Surplus.Disk),
                peer.Surplus.Gpu.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"{peer.Queued}/{peer.Running}",
                Given(peer),
                Used(peer),
                Units.Age(peer.LastSeen, now)));
        }

        var totals = view.Totals;
        output.WriteLine(TotalsRow($"layer: {view.Peers.Count}", totals.Surplus, $"{view.Peers.Sum(p => p.Queued)}/{view.Peers.Sum(p => p.Running)}"));
        output.WriteLine(TotalsRow("of capacity", totals.Capacity, ""));
        foreach (var forked in view.Peers.Where(IsForked))
        {
            output.WriteLine($"{ForkedMark} {forked.Name} ({ShortId(forked.Id)}): journal forked: {forked.Journal!.Problem ?? "its history was rewritten"}");
        }
    }

    /// <summary>True when this node saw <paramref name="peer"/> rewrite its journal's history.</summary>
    public static bool IsForked(PeerView peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        return peer.Journal is { Status: "forked" };
    }

    /// <summary>The CPU time the peer ran for others, compact (<c>3.4h</c>); <c>-</c> when it announces no journal.</summary>
    public static string Given(PeerView peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        return peer.Journal is { } journal ? Units.CpuSeconds(journal.Given.CpuSeconds) : "-";
    }

    /// <summary>The CPU time others ran for the peer, compact (<c>12m</c>); <c>-</c> when it announces no journal.</summary>
    public static string Used(PeerView peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        return peer.Journal is { } journal ? Units.CpuSeconds(journal.Used.CpuSeconds) : "-";
    }

    /// <summary>The last characters of a peer id: its first ones are the same for every Ed25519 key (<c>12D3KooW</c>).</summary>
    public static string ShortId(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return id.Length <= ShortIdLength ? id : id[^ShortIdLength..];
    }

    private static string TotalsRow(string label, ResourceVector amount, string queueRun) => Table.Row(
        label,
        "",
        "",
        "",
        Units.Cpu(amount.Cpu),
        Units.MemoryShort(amount.Memory),
        Units.DiskShort(amount.Disk),
        amount.Gpu.ToString(System.Globalization.CultureInfo.InvariantCulture),
        queueRun,
        "",
        "",
        "");

    private static IEnumerable<PeerView> Ranked(IReadOnlyList<PeerView> peers) =>
        peers.OrderBy(p => p.Rank > 0 ? p.Rank : int.MaxValue).ThenBy(p => p.Name, StringComparer.Ordinal);

    private static string SurplusBanner()
    {
        // "surplus" spans CPU..GPU, the columns that are the layer (FIG 7); the totals rows below add them up.
        var start = Table.Offset(FirstSurplusColumn);
        var width = Table.Offset(FirstSurplusColumn + 4) - 1 - start;
        const string Title = " surplus ";
        var left = (width - Title.Length) / 2;
        return new string(' ', start) + new string('-', left) + Title + new string('-', width - left - Title.Length);
    }
}
