namespace Mesh.Core.Journal.Audit;

/// <summary>How often and how widely <see cref="JournalWatch"/> audits other peers' journals.</summary>
public sealed class JournalWatchOptions
{
    /// <summary>The shortest time between two audits of the same peer. Default 5 s.</summary>
    public TimeSpan AuditInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The most audits running at once, over all peers. Default 4.</summary>
    public int MaxConcurrentAudits { get; set; } = 4;

    /// <summary>The entries asked for per request (1 to 1024). Default 1024.</summary>
    public int PageSize { get; set; } = JournalFetchOptions.ProtocolMaxEntriesPerPage;

    /// <summary>The most peers whose journal is followed; heads of further peers are ignored. Default 1024.</summary>
    public int MaxPeers { get; set; } = 1024;

    /// <summary>
    /// Where the last verified head of each peer is kept across restarts (a JSON file, written atomically), so that a
    /// peer that rewrites its history while this node is down is still caught; null (the default) keeps them in memory.
    /// </summary>
    public string? StatePath { get; set; }

    /// <summary>Throws if an option is out of range; the message names it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public void Validate()
    {
        if (AuditInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(AuditInterval), AuditInterval, $"{nameof(JournalWatchOptions)}.{nameof(AuditInterval)} must be positive.");
        }

        RequireRange(MaxConcurrentAudits, 1, 256, nameof(MaxConcurrentAudits));
        RequireRange(PageSize, 1, JournalFetchOptions.ProtocolMaxEntriesPerPage, nameof(PageSize));
        RequireRange(MaxPeers, 1, 1_000_000, nameof(MaxPeers));
        if (StatePath is { Length: 0 })
        {
            throw new ArgumentException($"{nameof(JournalWatchOptions)}.{nameof(StatePath)} must be null or a path.", nameof(StatePath));
        }
    }

    private static void RequireRange(int value, int minimum, int maximum, string name)
    {
        if (value < minimum || value > maximum)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{nameof(JournalWatchOptions)}.{name} must be between {minimum} and {maximum}.");
        }
    }
}
