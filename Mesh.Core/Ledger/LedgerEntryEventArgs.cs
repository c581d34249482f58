namespace Mesh.Core.Ledger;

/// <summary>An entry of another peer that the ledger accepted into its table.</summary>
/// <param name="entry">The entry, decoded and verified.</param>
public sealed class LedgerEntryEventArgs(LedgerEntry entry) : EventArgs
{
    /// <summary>The entry, decoded and verified.</summary>
    public LedgerEntry Entry { get; } = entry ?? throw new ArgumentNullException(nameof(entry));
}
