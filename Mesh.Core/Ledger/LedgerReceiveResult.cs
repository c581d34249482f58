namespace Mesh.Core.Ledger;

/// <summary>What became of a received ledger entry (docs/protocol.md, "Ledger", validation rules).</summary>
public enum LedgerReceiveResult
{
    /// <summary>Valid and newer than what the table held: the peer's row now shows it.</summary>
    Accepted,

    /// <summary>Not a valid entry (bad MessagePack, a missing or mistyped field, a bad value).</summary>
    Malformed,

    /// <summary>Over a size limit.</summary>
    TooLarge,

    /// <summary>A format version this node does not read.</summary>
    UnsupportedVersion,

    /// <summary>Forged: the signature does not verify with the key inside the entry's peer id.</summary>
    BadSignature,

    /// <summary>Forged or relayed as someone else: the entry's peer is not the gossip message's author.</summary>
    AuthorMismatch,

    /// <summary>Replayed or reordered: its version is not newer than the newest accepted from that peer.</summary>
    Stale,

    /// <summary>Issued too long ago (before the expiry window and the clock-skew allowance): an old entry cannot resurrect a peer.</summary>
    TooOld,

    /// <summary>Issued further in the future than the clock-skew allowance.</summary>
    FromFuture,

    /// <summary>A new peer while the table already holds <see cref="LedgerOptions.MaxPeers"/> peers.</summary>
    TableFull,

    /// <summary>This node's own peer id: another process with the same key, or a loop; this node's row is its own.</summary>
    OwnEntry,
}
