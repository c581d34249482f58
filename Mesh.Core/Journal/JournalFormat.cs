namespace Mesh.Core.Journal;

/// <summary>The fixed sizes and signing contexts of the journal's encodings (docs/protocol.md, "Journal").</summary>
public static class JournalFormat
{
    /// <summary>The largest encoded compute record in bytes (4 KiB).</summary>
    public const int MaxRecordBytes = 4096;

    /// <summary>The largest encoded journal entry in bytes (8 KiB): also the largest frame of the journal file.</summary>
    public const int MaxEntryBytes = 8192;

    /// <summary>The length of an Ed25519 signature.</summary>
    public const int SignatureLength = 64;

    /// <summary>The length of a command digest and of an entry hash (SHA-256).</summary>
    public const int DigestLength = 32;

    /// <summary>The longest peer id multihash a record may carry.</summary>
    public const int MaxPeerIdLength = 128;

    /// <summary>The deepest nesting of containers inside a skipped unknown value.</summary>
    public const int MaxSkipDepth = 8;

    /// <summary>The context the executor's signature covers before the record bytes.</summary>
    public const string ExecutorContext = "mesh-journal-executor-v1:";

    /// <summary>The context the origin's countersignature covers before the record bytes and the executor's signature.</summary>
    public const string OriginContext = "mesh-journal-origin-v1:";

    /// <summary>The context an entry hash covers before the entry bytes.</summary>
    public const string EntryHashContext = "mesh-journal-entry-v1:";
}
