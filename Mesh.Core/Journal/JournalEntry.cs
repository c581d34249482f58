namespace Mesh.Core.Journal;

/// <summary>One link of a node's journal: a countersigned compute record at a height, chained to the entry before it.</summary>
/// <param name="Height">Its height: 1 for the first entry, each next one plus 1.</param>
/// <param name="Previous">The hash of the entry before it (32 zero bytes for the first).</param>
/// <param name="Transaction">The compute record with both signatures.</param>
/// <param name="Bytes">The entry's exact encoding, as stored and fetched.</param>
/// <param name="Hash">Its hash (docs/protocol.md, "Journal"), which the next entry names as <c>previous</c>.</param>
public sealed record JournalEntry(long Height, ReadOnlyMemory<byte> Previous, SignedComputeRecord Transaction, ReadOnlyMemory<byte> Bytes, ReadOnlyMemory<byte> Hash)
{
    /// <summary>The head of a journal that ends with this entry.</summary>
    public JournalHead ToHead() => new(Height, Hash);
}
