namespace Mesh.Core.Control;

/// <summary>A peer's journal as its ledger entry announces it and as this node has checked it (<c>PeerView.journal</c>).</summary>
public sealed record JournalPeerView
{
    /// <summary>The announced height.</summary>
    public long Height { get; init; }

    /// <summary>The announced head hash (hex).</summary>
    public required string Head { get; init; }

    /// <summary>What it ran for others.</summary>
    public required ResourceSecondsView Given { get; init; }

    /// <summary>What others ran for it.</summary>
    public required ResourceSecondsView Used { get; init; }

    /// <summary><c>unknown</c>, <c>consistent</c> or <c>forked</c> (this node's own row: <c>consistent</c>).</summary>
    public string Status { get; init; } = "unknown";

    /// <summary>For a fork: what was seen; otherwise null.</summary>
    public string? Problem { get; init; }
}
