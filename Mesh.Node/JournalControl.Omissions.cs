using Mesh.Core.Journal;
using Mesh.Core.Ledger;

namespace Mesh.Node;

/// <content>
/// The cross-check only the other party can make: every transaction this node journaled with the audited peer must be
/// in the peer's journal too. An origin that drops what others ran for it would look like a bigger giver than it is.
/// </content>
public sealed partial class JournalControl
{
    private JournalFault? CheckNothingOmitted(List<ReadOnlyMemory<byte>> entries, LedgerEntry peer)
    {
        // Matched by the executor's signature, which covers the whole record: another record under the same task and
        // attempt ids does not stand in for the one this node holds.
        var theirs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var bytes in entries)
        {
            if (JournalEntryCodec.TryRead(bytes, out var entry, out _))
            {
                theirs.Add(Convert.ToHexString(entry.Transaction.ExecutorSignature.Span));
            }
        }

        // Recent ones may still be on their way: the executor journals after the ack, a lost ack is redelivered.
        var settledBefore = _time.GetUtcNow() - _options.OmissionGrace;
        var self = _journal.Owner;
        for (long height = 1; height <= Math.Min(_journal.Head.Height, _options.MaxVerifyEntries); height += _options.PageSize)
        {
            var page = _journal.ReadRaw(height, _options.PageSize);
            for (var i = 0; i < page.Count; i++)
            {
                if (!JournalEntryCodec.TryRead(page[i], out var entry, out _))
                {
                    continue;
                }

                var record = entry.Transaction.Record;
                var withPeer = (record.Origin == self && record.Executor == peer.Peer) || (record.Executor == self && record.Origin == peer.Peer);
                if (withPeer && record.FinishedAt < settledBefore && !theirs.Contains(Convert.ToHexString(entry.Transaction.ExecutorSignature.Span)))
                {
                    var role = record.Origin == peer.Peer ? "as origin" : "as executor";
                    return new JournalFault(
                        entries.Count + 1,
                        JournalFaultKind.Omitted,
                        $"it signed task {record.Task} attempt {record.Attempt} {role} (entry {height + i} here, finished {record.FinishedAt:u}) but its journal does not hold it");
                }
            }

            if (page.Count == 0)
            {
                break;
            }
        }

        return null;
    }
}
