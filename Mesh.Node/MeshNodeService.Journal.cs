using Mesh.Core.Journal;
using Mesh.Core.Journal.Audit;
using Mesh.Core.Ledger;
using Mesh.Core.Tasks;
using Mesh.Libp2p.Host;
using Mesh.Libp2p.Identity;
using Microsoft.Extensions.Logging;

namespace Mesh.Node;

/// <content>
/// The compute journal (docs/protocol.md, "Journal"): <c>DATA_DIR/journal.log</c>, the key that signs its records, its
/// head and contribution in the ledger, the protocol that serves it to peers, and the watch on the peers' heads.
/// </content>
internal sealed partial class MeshNodeService
{
    private JournalService? _journal;
    private TaskJournaling? _journaling;
    private JournalWatch? _journalWatch;
    private Libp2pJournalFetcher? _journalFetcher;

    /// <summary>Opens the journal with the task database: both are the node's durable record and close last.</summary>
    private void OpenJournal(IdentityKey identity)
    {
        try
        {
            _journal = JournalService.Open(
                new JournalOptions { Path = Path.Combine(options.DataDir, JournalOptions.FileName) }, identity.PeerId, time, loggers.CreateLogger<JournalService>());
        }
        catch (IOException ex)
        {
            throw new NodeStartException($"cannot open the journal in {options.DataDir}: {ex.Message}", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new NodeStartException($"cannot open the journal in {options.DataDir}: {ex.Message}", ex);
        }

        Track(new DisposeOnStop(_journal));
        _journaling = new TaskJournaling(identity, _journal);
    }

    /// <summary>
    /// Announces the head in the ledger, serves the journal to peers and starts watching theirs. Called once the host
    /// and the ledger run; the watch is tracked after them, so it stops first.
    /// </summary>
    private void StartJournal(Libp2pHost host, LedgerService ledger)
    {
        var journal = _journal!;
        ledger.JournalSource = () => journal.Summary;
        journal.Changed += OnJournalChanged;

        var fetchOptions = new JournalFetchOptions();
        var handler = new JournalProtocolHandler(journal, fetchOptions, time, loggers.CreateLogger<JournalProtocolHandler>());
        host.SetStreamHandler(JournalFetchProtocol.ProtocolId, handler.HandleAsync);
        _journalFetcher = new Libp2pJournalFetcher(host, peer => AddressesOf(ledger, peer), fetchOptions, time);
        _journalWatch = Track(new JournalWatch(
            _journalFetcher, new JournalWatchOptions { StatePath = Path.Combine(options.DataDir, "journal-peers.json") }, time, loggers.CreateLogger<JournalWatch>()));
        ledger.EntryAccepted += OnLedgerEntryAccepted;
        _journalWatch.Start();

        // Heads that arrived before the watch started are its starting point.
        foreach (var peer in ledger.Table.Snapshot().Peers.Where(p => !p.IsSelf))
        {
            _journalWatch.Observe(peer.Entry);
        }
    }

    private void StopJournalEvents()
    {
        if (_journal is not null)
        {
            _journal.Changed -= OnJournalChanged;
        }

        if (_ledger is not null)
        {
            _ledger.EntryAccepted -= OnLedgerEntryAccepted;
        }
    }

    private void OnJournalChanged(object? sender, EventArgs e) => _ledger?.JournalChanged();

    private void OnLedgerEntryAccepted(object? sender, LedgerEntryEventArgs e) => _journalWatch?.Observe(e.Entry);
}
