namespace Mesh.Core.Ledger;

/// <summary>What <see cref="LedgerReceiver.Receive"/> did with one message.</summary>
/// <param name="Result">The outcome.</param>
/// <param name="Entry">The decoded entry, when it could be decoded (also for most rejections); otherwise null.</param>
/// <param name="IsNewPeer">True when the entry was accepted and its peer was not in the table.</param>
/// <param name="Reason">Why it was refused, in words (for logs); null when accepted.</param>
public readonly record struct LedgerReceipt(LedgerReceiveResult Result, LedgerEntry? Entry, bool IsNewPeer, string? Reason);
