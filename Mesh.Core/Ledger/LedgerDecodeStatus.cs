namespace Mesh.Core.Ledger;

/// <summary>The outcome of decoding a ledger entry envelope.</summary>
public enum LedgerDecodeStatus
{
    /// <summary>Well formed, within the limits, and signed by the key inside the entry's peer id.</summary>
    Ok,

    /// <summary>Not a valid entry: bad MessagePack, a missing or mistyped field, a bad value or trailing bytes.</summary>
    Malformed,

    /// <summary>The envelope or one of its fields is over a <see cref="LedgerCodecLimits"/> limit.</summary>
    TooLarge,

    /// <summary>An envelope format version this node does not know (a newer implementation's).</summary>
    UnsupportedVersion,

    /// <summary>The signature does not verify with the key inside the entry's peer id, or the peer id inlines no key.</summary>
    BadSignature,
}
