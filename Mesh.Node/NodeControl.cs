using Mesh.Core.Control;
using Mesh.Core.Execution;
using Mesh.Core.Journal;
using Mesh.Core.Ledger;
using Mesh.Core.Policy;
using Mesh.Libp2p.Host;
using Mesh.Libp2p.Identity;

namespace Mesh.Node;

/// <summary>What the control API serves, read from the running parts of this node.</summary>
internal sealed class NodeControl(
    PeerId self,
    NodeOptions options,
    string meshKeyFingerprint,
    DateTimeOffset startedAt,
    ILibp2pHost host,
    SurplusMonitor monitor,
    LedgerService ledger,
    IsolationReport isolation,
    IJournalWatch? journalWatch = null)
    : INodeControl
{
    public NodeView GetNode()
    {
        var snapshot = monitor.Current;
        var table = ledger.Table.Snapshot();
        var local = ledger.LocalState;
        return new NodeView
        {
            Id = self.ToString(),
            Name = options.Name,
            Addrs = host.ListenAddresses.Select(a => a.ToString()).ToList(),
            Capacity = snapshot.Capacity,
            Reserved = snapshot.Reserved,
            Surplus = snapshot.Surplus,
            InUse = local.InUse,
            OwnerUsage = snapshot.OwnerUsage,
            Gpus = snapshot.Gpus,
            Policy = snapshot.PolicyDescription.Length > 0 ? snapshot.PolicyDescription : snapshot.Policy,
            Score = snapshot.Score,
            Rank = table.SelfRow?.Rank ?? 0,
            Isolation = IsolationLines(isolation),
            DataDir = options.DataDir,
            MeshKeyFingerprint = meshKeyFingerprint,
            StartedAt = startedAt,
        };
    }

    /// <summary>The isolation report in words: what is enforced, then what is missing and why.</summary>
    internal static IReadOnlyList<string> IsolationLines(IsolationReport report)
    {
        var lines = new List<string>();
        if (!report.CanRunTasks)
        {
            lines.Add("tasks cannot run: this node runs as root and has no unprivileged user to run them as");
        }

        lines.AddRange(report.Enforced);
        lines.AddRange(report.Missing.Select(missing => "missing: " + missing));
        return lines;
    }

    public PeersView GetPeers() => WithJournals(ledger.Table.Snapshot(), journalWatch);

    /// <summary>
    /// The peers view of <paramref name="snapshot"/> with each row's <c>journal</c>: what its ledger entry announces,
    /// and what <paramref name="watch"/> has seen of it (unknown without a watch; this node's own row is consistent).
    /// </summary>
    internal static PeersView WithJournals(PeerTableSnapshot snapshot, IJournalWatch? watch)
    {
        var view = LedgerViews.ToPeersView(snapshot);
        var rows = new List<PeerView>(view.Peers.Count);
        for (var i = 0; i < view.Peers.Count; i++)
        {
            var peer = snapshot.Peers[i];
            var state = peer.IsSelf
                ? new JournalPeerState(JournalPeerStatus.Consistent, peer.Entry.Journal?.Head, null)
                : watch?.StateOf(peer.Entry.Peer);
            rows.Add(view.Peers[i] with { Journal = JournalViews.ToPeerView(peer.Entry.Journal, state) });
        }

        return view with { Peers = rows };
    }

    public async Task<NodeView> RerunBenchmarkAsync(CancellationToken cancellationToken = default)
    {
        await monitor.RerunBenchmarkAsync(cancellationToken).ConfigureAwait(false);
        return GetNode();
    }
}
