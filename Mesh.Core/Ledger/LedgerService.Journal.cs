using Mesh.Core.Journal;

namespace Mesh.Core.Ledger;

public sealed partial class LedgerService
{
    private Func<JournalSummary?>? _journalSource;
    private JournalSummary? _journal;

    /// <summary>
    /// Where this node's entry takes its <c>journal</c> field (key 14) from: the node sets it to its journal's head and
    /// contribution, and calls <see cref="JournalChanged"/> after each append. Null (the default) announces no journal.
    /// Setting it reads it at once.
    /// </summary>
    public Func<JournalSummary?>? JournalSource
    {
        get => Volatile.Read(ref _journalSource);
        set
        {
            Volatile.Write(ref _journalSource, value);
            JournalChanged();
        }
    }

    /// <summary>
    /// Reads <see cref="JournalSource"/> again: this node's row changes at once and, when the summary differs from the
    /// last one, the entry is published like any other local change (coalesced with those close to it).
    /// </summary>
    /// <returns>True when the summary changed and a publication was asked for; false when it is the same, or invalid (kept out, logged).</returns>
    public bool JournalChanged()
    {
        // Read outside the gate: the source is the journal's code, which has its own lock and raises its change event
        // on the appending thread; calling into it while holding ours could deadlock against that thread.
        var summary = JournalSource?.Invoke();
        if (summary is not null && LedgerEntryRules.CheckJournal(summary) is { } broken)
        {
            LogJournalSummaryInvalid(_logger, broken.Reason);
            return false;
        }

        lock (_gate)
        {
            if (SameSummary(summary, _journal))
            {
                return false;
            }

            _journal = summary;
            Table.SetLocal(IssueEntry(_local));
        }

        _changed.Writer.TryWrite(true);
        return true;
    }

    /// <summary>Raised on the receiving loop for each accepted entry of another peer; a handler must be quick and must not throw.</summary>
    public event EventHandler<LedgerEntryEventArgs>? EntryAccepted;

    private void RaiseEntryAccepted(LedgerEntry entry)
    {
        try
        {
            EntryAccepted?.Invoke(this, new LedgerEntryEventArgs(entry));
        }
#pragma warning disable CA1031 // A subscriber's bug must not end the receiving loop.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogEntryHandlerFailed(_logger, entry.Peer, ex);
        }
    }

    private static bool SameSummary(JournalSummary? left, JournalSummary? right) =>
        left is null || right is null
            ? left is null && right is null
            : left.Head.SameAs(right.Head) && left.Contribution == right.Contribution;
}
