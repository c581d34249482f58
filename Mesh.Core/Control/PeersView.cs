namespace Mesh.Core.Control;

/// <summary>The answer to <c>GET /v1/peers</c> and the output of <c>mesh peers --json</c> (shared/DESIGN.md).</summary>
/// <param name="Self">The answering node's peer id.</param>
/// <param name="Peers">Every peer in the table, the answering node included.</param>
/// <param name="Totals">The virtual-layer totals.</param>
public sealed record PeersView(string Self, IReadOnlyList<PeerView> Peers, LayerTotals Totals);
