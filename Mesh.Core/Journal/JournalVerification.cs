namespace Mesh.Core.Journal;

/// <summary>The outcome of checking a journal: every link and both signatures of every entry.</summary>
/// <param name="Entries">How many entries were read.</param>
/// <param name="Head">The head of the chain as read: the last entry checked, which is the bad one when a fault stopped the check.</param>
/// <param name="FirstFault">The first bad entry; null when the whole chain checks out.</param>
public sealed record JournalVerification(long Entries, JournalHead Head, JournalFault? FirstFault)
{
    /// <summary>True when no entry is bad.</summary>
    public bool Ok => FirstFault is null;
}
