using System.Globalization;
using Mesh.Cli.Output;
using Mesh.Core.Control;
using Mesh.Core.Resources;

namespace Mesh.Cli.Top;

/// <summary>
/// The columns that fit a terminal width. Three sets, the widest that fits wins:
/// compact (80 columns: resources as surplus/capacity, no address), medium (address added, resources as
/// in use/surplus/capacity) and wide (resources as in use/surplus/reserved/capacity); each also comes with the journal
/// columns GIVEN and USED (CPU time run for others and by others) when 12 more columns fit. The name column takes the
/// width left over, between <see cref="MinNameWidth"/> and <see cref="MaxNameWidth"/>; a peer whose journal forked has
/// its name marked <c>!</c>.
/// </summary>
internal sealed class TopColumnSet
{
    /// <summary>Columns before the first column: the selection marker and the self marker.</summary>
    public const int MarkerWidth = 2;

    /// <summary>The narrowest name column.</summary>
    public const int MinNameWidth = 8;

    /// <summary>The widest name column.</summary>
    public const int MaxNameWidth = 24;

    /// <summary>The mark before the name of a peer whose journal forked.</summary>
    public const string ForkedMark = "!";

    // Widest first: each resource layout with the journal columns, then without them.
    private static readonly TopColumnSet[] Sets =
    [
        Build(ResourceCells.Wide, journal: true), Build(ResourceCells.Wide, journal: false),
        Build(ResourceCells.Medium, journal: true), Build(ResourceCells.Medium, journal: false),
        Build(ResourceCells.Compact, journal: true), Build(ResourceCells.Compact, journal: false),
    ];

    private TopColumnSet(ResourceCells cells, IReadOnlyList<TopColumn> columns)
    {
        Cells = cells;
        Columns = columns;
        FixedWidth = MarkerWidth + columns.Skip(1).Sum(c => c.Width) + (columns.Count - 1);
    }

    /// <summary>Which values each resource cell shows.</summary>
    public ResourceCells Cells { get; }

    /// <summary>The columns, the name column first.</summary>
    public IReadOnlyList<TopColumn> Columns { get; }

    /// <summary>The width of everything but the name column.</summary>
    public int FixedWidth { get; }

    /// <summary>The legend of the resource cells, for the footer.</summary>
    public string Legend => Cells switch
    {
        ResourceCells.Wide => "cells: in use/surplus/reserved/capacity",
        ResourceCells.Medium => "cells: in use/surplus/capacity",
        _ => "cells: surplus/capacity",
    };

    /// <summary>The widest set that fits <paramref name="width"/> (the compact one when none does).</summary>
    public static TopColumnSet For(int width)
    {
        foreach (var set in Sets)
        {
            if (set.FixedWidth + MinNameWidth <= width)
            {
                return set;
            }
        }

        return Sets[^1];
    }

    /// <summary>The name column's width at <paramref name="width"/>.</summary>
    public int NameWidth(int width) => Math.Clamp(width - FixedWidth, MinNameWidth, MaxNameWidth);

    private static TopColumnSet Build(ResourceCells cells, bool journal)
    {
        var values = cells switch
        {
            ResourceCells.Wide => 4,
            ResourceCells.Medium => 3,
            _ => 2,
        };
        var columns = new List<TopColumn>
        {
            new("NAME", MinNameWidth, false, TopSortKey.Name, (p, _) => (PeersTable.IsForked(p) ? ForkedMark : "") + p.Name),
            new("ID", PeerFormat.ShortIdLength, false, TopSortKey.Id, (p, _) => PeerFormat.ShortId(p.Id)),
        };
        if (cells != ResourceCells.Compact)
        {
            columns.Add(new("ADDRESS", 21, false, TopSortKey.Address, (p, _) => PeerFormat.PreferredAddress(p.Addrs)));
        }

        columns.AddRange(
        [
            new("RK", 3, true, TopSortKey.Rank, (p, _) => p.Rank > 0 ? p.Rank.ToString(CultureInfo.InvariantCulture) : "-"),
            new("SCORE", 5, true, null, (p, _) => Units.Score(p.Score)),
            new("CPU", (4 * values) - 1, true, TopSortKey.Cpu, (p, _) => Join(cells, p, v => Units.CpuShort(v.Cpu))),
            new("MEM", ((ByteSize.MaxShortWidth + 1) * values) - 1, true, TopSortKey.Memory, (p, _) => Join(cells, p, v => Units.MemoryShort(v.Memory))),
            new("DISK", ((ByteSize.MaxShortWidth + 1) * values) - 1, true, TopSortKey.Disk, (p, _) => Join(cells, p, v => Units.DiskShort(v.Disk))),
            new("GPU", Math.Max(5, (2 * values) - 1), true, TopSortKey.Gpu, (p, _) => Join(cells, p, v => v.Gpu.ToString(CultureInfo.InvariantCulture))),
            new("Q", 4, true, TopSortKey.Queued, (p, _) => p.Queued.ToString(CultureInfo.InvariantCulture)),
            new("RUN", 4, true, TopSortKey.Running, (p, _) => p.Running.ToString(CultureInfo.InvariantCulture)),
        ]);
        if (journal)
        {
            columns.Add(new("GIVEN", Units.MaxCpuSecondsWidth, true, null, (p, _) => PeersTable.Given(p)));
            columns.Add(new("USED", Units.MaxCpuSecondsWidth, true, null, (p, _) => PeersTable.Used(p)));
        }

        columns.Add(new("SEEN", 5, true, TopSortKey.LastSeen, (p, now) => Units.Age(p.LastSeen, now)));
        return new TopColumnSet(cells, columns);
    }

    private static string Join(ResourceCells cells, PeerView peer, Func<ResourceVector, string> format) => cells switch
    {
        ResourceCells.Wide => $"{format(peer.InUse)}/{format(peer.Surplus)}/{format(peer.Reserved)}/{format(peer.Capacity)}",
        ResourceCells.Medium => $"{format(peer.InUse)}/{format(peer.Surplus)}/{format(peer.Capacity)}",
        _ => $"{format(peer.Surplus)}/{format(peer.Capacity)}",
    };
}
