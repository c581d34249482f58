namespace Mesh.Cli.Top;

/// <summary>
/// What the peer table is sorted by, in the order <c>s</c> cycles through them. Each key has a natural direction
/// (<see cref="TopSortKeys.NaturalOrder"/>); <c>r</c> reverses it.
/// </summary>
public enum TopSortKey
{
    /// <summary>Name, A to Z.</summary>
    Name,

    /// <summary>Peer id, A to Z.</summary>
    Id,

    /// <summary>Shown address, A to Z.</summary>
    Address,

    /// <summary>Rank, the fastest (rank 1) first.</summary>
    Rank,

    /// <summary>CPU surplus, the most first.</summary>
    Cpu,

    /// <summary>Memory surplus, the most first.</summary>
    Memory,

    /// <summary>Disk surplus, the most first.</summary>
    Disk,

    /// <summary>GPU surplus, the most first.</summary>
    Gpu,

    /// <summary>Queued tasks, the most first.</summary>
    Queued,

    /// <summary>Running tasks, the most first.</summary>
    Running,

    /// <summary>Last seen, the most recent first.</summary>
    LastSeen,
}
