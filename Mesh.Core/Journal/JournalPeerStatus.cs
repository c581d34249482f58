namespace Mesh.Core.Journal;

/// <summary>What this node knows of another peer's journal history.</summary>
public enum JournalPeerStatus
{
    /// <summary>No head seen yet, or not yet audited.</summary>
    Unknown = 0,

    /// <summary>Every head seen so far extends the one before it.</summary>
    Consistent = 1,

    /// <summary>A head was seen that does not extend an earlier one: the peer rewrote its history.</summary>
    Forked = 2,
}
