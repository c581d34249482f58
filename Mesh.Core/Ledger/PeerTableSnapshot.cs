using Mesh.Core.Control;
using Mesh.Libp2p.Identity;

namespace Mesh.Core.Ledger;

/// <summary>An immutable copy of the peer table at one moment: rows ordered by rank, then name, then id.</summary>
/// <param name="Self">This node's peer id.</param>
/// <param name="Peers">Every peer in the table, this node included.</param>
/// <param name="Totals">The virtual layer: sums over every row, this node included (FIG 7).</param>
/// <param name="ChangeCount">The table's <see cref="PeerTable.ChangeCount"/> when the copy was taken.</param>
/// <param name="TakenAt">When the copy was taken, by this node's clock.</param>
public sealed record PeerTableSnapshot(PeerId Self, IReadOnlyList<LedgerPeer> Peers, LayerTotals Totals, long ChangeCount, DateTimeOffset TakenAt)
{
    /// <summary>This node's own row, or null before it has one.</summary>
    public LedgerPeer? SelfRow => Peers.FirstOrDefault(p => p.IsSelf);
}
