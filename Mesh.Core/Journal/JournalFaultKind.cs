namespace Mesh.Core.Journal;

/// <summary>What is wrong with the first bad entry of a journal.</summary>
public enum JournalFaultKind
{
    /// <summary>The bytes are not an entry (or not a record), or the file ends inside one.</summary>
    Unreadable = 0,

    /// <summary>The entry's height is not the one its position calls for: an entry was deleted, inserted or reordered.</summary>
    WrongHeight = 1,

    /// <summary>Its <c>previous</c> is not the hash of the entry before it: that entry was edited, or the chain was spliced.</summary>
    BrokenLink = 2,

    /// <summary>The executor's signature does not verify with the executor's key: edited or forged.</summary>
    BadExecutorSignature = 3,

    /// <summary>The origin's countersignature is missing or does not verify with the origin's key: edited or forged.</summary>
    BadOriginSignature = 4,

    /// <summary>The journal's owner is neither the origin nor the executor of the record.</summary>
    NotAParty = 5,

    /// <summary>The same attempt is recorded twice.</summary>
    Duplicate = 6,

    /// <summary>The chain does not end at the head its owner announced.</summary>
    HeadMismatch = 7,

    /// <summary>The contribution its owner announces is not what its journal sums to.</summary>
    ContributionMismatch = 8,

    /// <summary>A transaction with the auditing node, journaled there, is missing from the audited peer's journal.</summary>
    Omitted = 9,
}
