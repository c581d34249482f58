namespace Mesh.Core.Journal;

/// <summary>This node's view of another peer's journal.</summary>
/// <param name="Status">Consistent, forked or not known yet.</param>
/// <param name="Verified">The latest head this node has checked extends all earlier ones; null when none.</param>
/// <param name="Problem">For a fork: what was seen (the heights and hashes that disagree); otherwise null.</param>
public sealed record JournalPeerState(JournalPeerStatus Status, JournalHead? Verified, string? Problem)
{
    /// <summary>Nothing known.</summary>
    public static JournalPeerState Unknown { get; } = new(JournalPeerStatus.Unknown, null, null);
}
