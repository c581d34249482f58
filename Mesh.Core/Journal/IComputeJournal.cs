using System.Diagnostics.CodeAnalysis;
using Mesh.Core.Tasks;
using Mesh.Libp2p.Identity;

namespace Mesh.Core.Journal;

/// <summary>
/// A node's own journal: append-only, hash-chained, one entry per compute transaction it took part in (as origin,
/// executor or both), each countersigned. Appends are durable before they return.
/// </summary>
public interface IComputeJournal
{
    /// <summary>The node whose journal this is.</summary>
    PeerId Owner { get; }

    /// <summary>The current head.</summary>
    JournalHead Head { get; }

    /// <summary>The owner's resource-seconds given and used, summed over the journal.</summary>
    Contribution Contribution { get; }

    /// <summary>The head and the contribution as of the same entry, as the ledger announces them.</summary>
    JournalSummary Summary => new(Head, Contribution);

    /// <summary>Raised after each append (on the appending thread).</summary>
    event EventHandler? Changed;

    /// <summary>
    /// Appends a countersigned transaction and returns its entry once it is on disk. Idempotent per attempt: when the
    /// attempt is already journaled, returns that entry. Throws <see cref="ArgumentException"/> when a signature does
    /// not verify or the owner is not a party to the record.
    /// </summary>
    Task<JournalEntry> AppendAsync(SignedComputeRecord transaction, CancellationToken cancellationToken = default);

    /// <summary>Finds the entry of an attempt.</summary>
    bool TryFind(TaskId task, AttemptId attempt, [NotNullWhen(true)] out JournalEntry? entry);

    /// <summary>Entries from <paramref name="fromHeight"/> (1-based) on, at most <paramref name="maxEntries"/>, as stored (exact bytes).</summary>
    IReadOnlyList<ReadOnlyMemory<byte>> ReadRaw(long fromHeight, int maxEntries);

    /// <summary>Checks the whole journal as it is on disk now.</summary>
    JournalVerification Verify();
}
