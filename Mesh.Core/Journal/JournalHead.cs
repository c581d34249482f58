namespace Mesh.Core.Journal;

/// <summary>The end of a journal's chain: how many entries it holds and the hash of the last one.</summary>
/// <param name="Height">The number of entries (the height of the last one); 0 for an empty journal.</param>
/// <param name="Hash">The last entry's hash (32 bytes); 32 zero bytes for an empty journal.</param>
public sealed record JournalHead(long Height, ReadOnlyMemory<byte> Hash)
{
    /// <summary>The length of an entry hash (SHA-256).</summary>
    public const int HashLength = 32;

    /// <summary>The head of an empty journal: height 0, all-zero hash (the first entry's <c>previous</c>).</summary>
    public static JournalHead Genesis { get; } = new(0, new byte[HashLength]);

    /// <summary>True when both heads name the same height and hash.</summary>
    public bool SameAs(JournalHead other) => Height == other.Height && Hash.Span.SequenceEqual(other.Hash.Span);

    /// <summary>The hash as lowercase hex.</summary>
    public string HashHex => Convert.ToHexStringLower(Hash.Span);
}
