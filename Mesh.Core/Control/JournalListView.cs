namespace Mesh.Core.Control;

/// <summary>The answer to <c>GET /v1/journal</c> (and <c>mesh journal --json</c>): one page of a journal, oldest first.</summary>
public sealed record JournalListView
{
    /// <summary>The journal's owner (peer id).</summary>
    public required string Peer { get; init; }

    /// <summary>The owner's machine name (its id when unknown).</summary>
    public required string Name { get; init; }

    /// <summary>The journal's height: how many entries it holds.</summary>
    public long Height { get; init; }

    /// <summary>The hash of its last entry (hex; 64 zeros for an empty journal).</summary>
    public required string Head { get; init; }

    /// <summary>The entries asked for, in height order.</summary>
    public IReadOnlyList<JournalEntryView> Entries { get; init; } = [];
}
