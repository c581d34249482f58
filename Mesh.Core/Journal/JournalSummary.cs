namespace Mesh.Core.Journal;

/// <summary>What a node tells the mesh about its journal in its ledger entry: its head and its contribution.</summary>
/// <param name="Head">The chain head, so that peers notice a rewritten history.</param>
/// <param name="Contribution">Its resource-seconds given and used, as its journal sums them (auditable by fetching it).</param>
public sealed record JournalSummary(JournalHead Head, Contribution Contribution);
