namespace Mesh.Core.Ledger;

/// <summary>Settings of the ledger: the topic, its timing and its bounds (docs/protocol.md, "Ledger").</summary>
public sealed class LedgerOptions
{
    /// <summary>The gossipsub topic entries are published on. Default <c>mesh/ledger/1</c>.</summary>
    public string Topic { get; set; } = "mesh/ledger/1";

    /// <summary>The longest time between two publications of this node's entry (it is also published on every change). Default 5 s.</summary>
    public TimeSpan PublishInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The least time between two publications in a row that changes start: the first change is published at once, and
    /// the changes that follow it within this gap together after it, so a busy node (tasks starting and ending many
    /// times a second) does not sign and gossip an entry for each. Default 200 ms.
    /// </summary>
    public TimeSpan MinChangeGap { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>A peer not heard from for this long leaves the table. Default 15 s (three publish intervals); must exceed two.</summary>
    public TimeSpan ExpireAfter { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often the table is swept for silent peers. Default 1 s; at most <see cref="ExpireAfter"/>.</summary>
    public TimeSpan ExpiryCheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How far another machine's clock may be from this one's. An entry issued more than this in the future, or
    /// more than <see cref="ExpireAfter"/> plus this in the past, is refused. Default 5 min (the tolerance Kerberos
    /// uses): machines on one network without NTP can drift that far, and replays inside the window are caught by
    /// version instead.
    /// </summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The most other peers the table holds; entries of further unknown peers are dropped and counted. Default 1024.</summary>
    public int MaxPeers { get; set; } = 1024;

    /// <summary>Size limits of an entry.</summary>
    public LedgerCodecLimits Limits { get; } = new();

    /// <summary>Throws if a setting is out of range; the message names it.</summary>
    /// <exception cref="ArgumentException">The topic is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A time or bound is out of range.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Topic))
        {
            throw new ArgumentException($"{nameof(LedgerOptions)}.{nameof(Topic)} must not be empty.", nameof(Topic));
        }

        RequirePositive(PublishInterval, nameof(PublishInterval));
        if (MinChangeGap < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(MinChangeGap), MinChangeGap, $"{nameof(LedgerOptions)}.{nameof(MinChangeGap)} must not be negative.");
        }
        RequirePositive(ExpiryCheckInterval, nameof(ExpiryCheckInterval));
        if (ExpireAfter <= 2 * PublishInterval)
        {
            throw new ArgumentOutOfRangeException(nameof(ExpireAfter), ExpireAfter, $"{nameof(LedgerOptions)}.{nameof(ExpireAfter)} must be more than twice {nameof(PublishInterval)} ({PublishInterval}), or one lost publication expires a live peer.");
        }

        if (ExpiryCheckInterval > ExpireAfter)
        {
            throw new ArgumentOutOfRangeException(nameof(ExpiryCheckInterval), ExpiryCheckInterval, $"{nameof(LedgerOptions)}.{nameof(ExpiryCheckInterval)} must be at most {nameof(ExpireAfter)} ({ExpireAfter}).");
        }

        if (MaxClockSkew < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxClockSkew), MaxClockSkew, $"{nameof(LedgerOptions)}.{nameof(MaxClockSkew)} must not be negative.");
        }

        if (MaxPeers < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxPeers), MaxPeers, $"{nameof(LedgerOptions)}.{nameof(MaxPeers)} must be at least 1.");
        }

        Limits.Validate();
    }

    private static void RequirePositive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{nameof(LedgerOptions)}.{name} must be positive.");
        }
    }
}
