using Mesh.Core.Control;

namespace Mesh.Cli.Top;

/// <summary>Names, directions and comparisons of <see cref="TopSortKey"/>.</summary>
public static class TopSortKeys
{
    /// <summary>Every key, in cycling order.</summary>
    public static IReadOnlyList<TopSortKey> All { get; } = Enum.GetValues<TopSortKey>();

    /// <summary>The key after <paramref name="key"/> (wrapping), or before it when <paramref name="forward"/> is false.</summary>
    public static TopSortKey Next(TopSortKey key, bool forward)
    {
        var index = (int)key + (forward ? 1 : -1);
        var count = All.Count;
        return (TopSortKey)(((index % count) + count) % count);
    }

    /// <summary>How the header line names the key: "cpu surplus".</summary>
    public static string Label(TopSortKey key) => key switch
    {
        TopSortKey.Name => "name",
        TopSortKey.Id => "id",
        TopSortKey.Address => "address",
        TopSortKey.Rank => "rank",
        TopSortKey.Cpu => "cpu surplus",
        TopSortKey.Memory => "memory surplus",
        TopSortKey.Disk => "disk surplus",
        TopSortKey.Gpu => "gpu surplus",
        TopSortKey.Queued => "queued",
        TopSortKey.Running => "running",
        TopSortKey.LastSeen => "last seen",
        _ => key.ToString(),
    };

    /// <summary>The direction in words: "A-Z", "best first", "most first", "newest first", or their reverses.</summary>
    public static string NaturalOrder(TopSortKey key, bool reversed) => key switch
    {
        TopSortKey.Name or TopSortKey.Id or TopSortKey.Address => reversed ? "Z-A" : "A-Z",
        TopSortKey.Rank => reversed ? "slowest first" : "fastest first",
        TopSortKey.LastSeen => reversed ? "oldest first" : "newest first",
        _ => reversed ? "least first" : "most first",
    };

    /// <summary>
    /// Orders peers by <paramref name="key"/> in its natural direction (reversed when asked), ties broken by name
    /// and then id so the order is total and rows do not jump between refreshes.
    /// </summary>
    public static IReadOnlyList<PeerView> Sort(IEnumerable<PeerView> peers, TopSortKey key, bool reversed)
    {
        var list = peers.ToList();
        list.Sort((left, right) =>
        {
            var byKey = CompareNatural(left, right, key);
            if (reversed)
            {
                byKey = -byKey;
            }

            if (byKey != 0)
            {
                return byKey;
            }

            var byName = string.CompareOrdinal(left.Name, right.Name);
            return byName != 0 ? byName : string.CompareOrdinal(left.Id, right.Id);
        });
        return list;
    }

    private static int CompareNatural(PeerView left, PeerView right, TopSortKey key) => key switch
    {
        TopSortKey.Name => string.CompareOrdinal(left.Name, right.Name),
        TopSortKey.Id => string.CompareOrdinal(left.Id, right.Id),
        TopSortKey.Address => string.CompareOrdinal(PeerFormat.PreferredAddress(left.Addrs), PeerFormat.PreferredAddress(right.Addrs)),

        // Rank 0 means "not ranked yet": after every ranked peer.
        TopSortKey.Rank => RankOrder(left.Rank).CompareTo(RankOrder(right.Rank)),
        TopSortKey.Cpu => right.Surplus.Cpu.CompareTo(left.Surplus.Cpu),
        TopSortKey.Memory => right.Surplus.Memory.CompareTo(left.Surplus.Memory),
        TopSortKey.Disk => right.Surplus.Disk.CompareTo(left.Surplus.Disk),
        TopSortKey.Gpu => right.Surplus.Gpu.CompareTo(left.Surplus.Gpu),
        TopSortKey.Queued => right.Queued.CompareTo(left.Queued),
        TopSortKey.Running => right.Running.CompareTo(left.Running),
        TopSortKey.LastSeen => right.LastSeen.CompareTo(left.LastSeen),
        _ => 0,
    };

    private static int RankOrder(int rank) => rank <= 0 ? int.MaxValue : rank;
}
