namespace Mesh.Core.Ledger;

/// <summary>The integer keys of the ledger payload map (docs/protocol.md, "Ledger"). Never renumber; only add.</summary>
internal static class LedgerFields
{
    public const int Peer = 0;
    public const int Name = 1;
    public const int Version = 2;
    public const int IssuedAt = 3;
    public const int Addresses = 4;
    public const int Capacity = 5;
    public const int Reserved = 6;
    public const int Surplus = 7;
    public const int InUse = 8;
    public const int Gpus = 9;
    public const int Queued = 10;
    public const int Running = 11;
    public const int Score = 12;
    public const int Policy = 13;
    public const int Journal = 14;

    /// <summary>The keys an entry must carry; the others have defaults.</summary>
    public const ulong RequiredMask =
        (1UL << Peer) | (1UL << Name) | (1UL << Version) | (1UL << IssuedAt) | (1UL << Capacity) | (1UL << Reserved) | (1UL << Surplus);

    /// <summary>The highest key this version knows; larger keys are skipped (forward compatibility).</summary>
    public const int HighestKnown = Journal;
}
