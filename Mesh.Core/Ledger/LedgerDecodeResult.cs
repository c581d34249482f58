namespace Mesh.Core.Ledger;

/// <summary>The result of <c>LedgerEntryCodec.TryDecode</c>: the entry, or why there is none.</summary>
/// <param name="Status">The outcome.</param>
/// <param name="Entry">The entry when <paramref name="Status"/> is <see cref="LedgerDecodeStatus.Ok"/>; otherwise null.</param>
/// <param name="Reason">Why the entry was refused, in words (for logs); null when ok.</param>
public readonly record struct LedgerDecodeResult(LedgerDecodeStatus Status, LedgerEntry? Entry, string? Reason)
{
    /// <summary>True when an entry was decoded and its signature verified.</summary>
    public bool IsOk => Status == LedgerDecodeStatus.Ok;

    internal static LedgerDecodeResult Ok(LedgerEntry entry) => new(LedgerDecodeStatus.Ok, entry, null);

    internal static LedgerDecodeResult Fail(LedgerDecodeStatus status, string reason) => new(status, null, reason);
}
