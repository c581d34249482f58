using Mesh.Libp2p.Identity;

namespace Mesh.Core.Journal;

public sealed partial class JournalService
{
    /// <summary>
    /// Checks a transaction before it is journaled: its bytes decode, both signatures verify, and the owner is a party.
    /// The record is decoded from the signed bytes, so a caller's record object that disagrees with them is never used.
    /// </summary>
    private SignedComputeRecord Check(SignedComputeRecord transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var decoded = JournalSigning.TryDecodeSigned(transaction.RecordBytes, transaction.ExecutorSignature, transaction.OriginSignature, out var error)
            ?? throw new ArgumentException($"The transaction cannot be journaled: {error}.", nameof(transaction));
        if (!decoded.IsCountersigned)
        {
            throw new ArgumentException("The transaction cannot be journaled: the origin has not countersigned it.", nameof(transaction));
        }

        var record = decoded.Record;
        return IsParty(Owner, record)
            ? decoded
            : throw new ArgumentException($"The transaction cannot be journaled: {Owner} is neither its origin {record.Origin} nor its executor {record.Executor}.", nameof(transaction));
    }

    /// <summary>
    /// Adds one entry read on open. Appends continue from the last frame as read, even an unreadable one (its position
    /// and hash), so a tampered journal stays red instead of being papered over.
    /// </summary>
    private void Index(long position, byte[] bytes)
    {
        if (!JournalEntryCodec.TryRead(bytes, out var entry, out _))
        {
            _head = new JournalHead(position, JournalEntryCodec.Hash(bytes));
            return;
        }

        _head = entry.ToHead();
        var record = entry.Transaction.Record;

        // The first entry of an attempt wins, as an append of a journaled attempt returns the first.
        if (_positions.TryAdd((record.Task, record.Attempt), position))
        {
            _contribution = ContributionCalculator.Add(_contribution, record, Owner);
        }
    }

    private static bool IsParty(PeerId owner, ComputeRecord record) => owner == record.Origin || owner == record.Executor;
}
