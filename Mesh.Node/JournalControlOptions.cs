namespace Mesh.Node;

/// <summary>Limits of <see cref="JournalControl"/>: how much of another peer's journal one request may fetch.</summary>
public sealed class JournalControlOptions
{
    /// <summary>The most entries asked for in one fetch (default 1024, the protocol's maximum).</summary>
    public int PageSize { get; set; } = 1024;

    /// <summary>The most entries of another peer's journal one verify fetches and checks (default 100,000).</summary>
    public long MaxVerifyEntries { get; set; } = 100_000;

    /// <summary>The most bytes of another peer's journal one verify holds (default 64 MiB).</summary>
    public long MaxVerifyBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// How old a transaction between this node and another peer must be before a verify of that peer's journal expects
    /// it there (default 5 min): the executor journals after the origin's ack, and a lost ack is redelivered later.
    /// </summary>
    public TimeSpan OmissionGrace { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the option at fault.</summary>
    public void Validate()
    {
        if (PageSize is < 1 or > 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(PageSize), PageSize, $"{nameof(PageSize)} must be from 1 to 1024");
        }

        if (MaxVerifyEntries < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxVerifyEntries), MaxVerifyEntries, $"{nameof(MaxVerifyEntries)} must be positive");
        }

        if (OmissionGrace < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(OmissionGrace), OmissionGrace, $"{nameof(OmissionGrace)} must not be negative");
        }

        if (MaxVerifyBytes < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxVerifyBytes), MaxVerifyBytes, $"{nameof(MaxVerifyBytes)} must be positive");
        }
    }
}
