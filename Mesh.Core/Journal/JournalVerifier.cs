using Mesh.Core.Tasks;
using Mesh.Libp2p.Identity;

namespace Mesh.Core.Journal;

/// <summary>
/// Checks a run of journal entries (docs/protocol.md, "Journal", verify order): for each entry, in this order, the
/// first failure wins and stops the check: Unreadable, WrongHeight, BrokenLink, BadExecutorSignature,
/// BadOriginSignature, NotAParty, Duplicate. Pure: it reads only the entries it is given.
/// </summary>
public static class JournalVerifier
{
    /// <summary>The hex characters of a hash named in a detail sentence.</summary>
    private const int ShortHashLength = 12;

    /// <summary>
    /// Checks <paramref name="entries"/> (exact bytes, consecutive) as the continuation of a chain that ends at
    /// <paramref name="start"/> (<see cref="JournalHead.Genesis"/> for a whole journal). When <paramref name="owner"/>
    /// is given, each record must name it as origin or executor. Duplicates are found among the given entries only.
    /// The result's head is that of the last entry read: the bad one (at its position) when a fault stopped the check.
    /// </summary>
    public static JournalVerification Verify(IEnumerable<ReadOnlyMemory<byte>> entries, JournalHead start, PeerId? owner)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(start);
        var head = start;
        long read = 0;
        var attempts = new HashSet<(TaskId, AttemptId)>();
        foreach (var bytes in entries)
        {
            read++;
            var position = start.Height + read;
            var fault = Check(bytes, position, head, owner, attempts, out var entry);
            if (fault is not null)
            {
                return new JournalVerification(read, new JournalHead(position, JournalEntryCodec.Hash(bytes.Span)), fault);
            }

            head = entry!.ToHead();
        }

        return new JournalVerification(read, head, null);
    }

    /// <summary>The fault of one entry, or null (and the decoded entry) when it checks out.</summary>
    private static JournalFault? Check(
        ReadOnlyMemory<byte> bytes, long position, JournalHead before, PeerId? owner, HashSet<(TaskId, AttemptId)> attempts, out JournalEntry? entry)
    {
        if (!JournalEntryCodec.TryRead(bytes, out entry, out var error))
        {
            return new(position, JournalFaultKind.Unreadable, $"The entry at position {position} is unreadable: {error}.");
        }

        if (entry.Height != position)
        {
            return new(position, JournalFaultKind.WrongHeight, $"The entry at position {position} has height {entry.Height}: an entry was deleted, inserted or moved.");
        }

        if (!entry.Previous.Span.SequenceEqual(before.Hash.Span))
        {
            return new(position, JournalFaultKind.BrokenLink,
                $"The entry at height {position} names previous {Short(entry.Previous)}, but the entry before it hashes to {Short(before.Hash)}.");
        }

        var record = entry.Transaction.Record;
        if (!JournalSigning.VerifyExecutor(entry.Transaction))
        {
            return new(position, JournalFaultKind.BadExecutorSignature,
                $"The executor's signature of the entry at height {position} ({Short(entry.Hash)}) does not verify with the key of {record.Executor}.");
        }

        if (!JournalSigning.VerifyOrigin(entry.Transaction))
        {
            return new(position, JournalFaultKind.BadOriginSignature,
                $"The origin's countersignature of the entry at height {position} ({Short(entry.Hash)}) is missing or does not verify with the key of {record.Origin}.");
        }

        if (owner is not null && owner != record.Origin && owner != record.Executor)
        {
            return new(position, JournalFaultKind.NotAParty,
                $"The entry at height {position} ({Short(entry.Hash)}) records a run of {record.Executor} for {record.Origin}; the journal's owner {owner} is neither.");
        }

        if (!attempts.Add((record.Task, record.Attempt)))
        {
            return new(position, JournalFaultKind.Duplicate,
                $"The entry at height {position} ({Short(entry.Hash)}) records attempt {record.Attempt} of task {record.Task} a second time.");
        }

        return null;
    }

    private static string Short(ReadOnlyMemory<byte> hash) =>
        Convert.ToHexStringLower(hash.Span)[..Math.Min(ShortHashLength, hash.Length * 2)];
}
