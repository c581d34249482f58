using Mesh.Core.Control;

namespace Mesh.Core.Ledger;

/// <summary>Maps the peer table to the control API contract (<c>GET /v1/peers</c>, <c>mesh peers --json</c>).</summary>
public static class LedgerViews
{
    /// <summary>The control API's view of <paramref name="snapshot"/>: every row (this node included) and the totals.</summary>
    public static PeersView ToPeersView(PeerTableSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new PeersView(snapshot.Self.ToString(), [.. snapshot.Peers.Select(ToPeerView)], snapshot.Totals);
    }

    /// <summary>The control API's view of one row.</summary>
    public static PeerView ToPeerView(LedgerPeer peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        var entry = peer.Entry;
        return new PeerView
        {
            Id = entry.Peer.ToString(),
            Name = entry.Name,
            Addrs = entry.Addresses,
            Capacity = entry.Capacity,
            Reserved = entry.Reserved,
            Surplus = entry.Surplus,
            InUse = entry.InUse,
            Gpus = entry.Gpus,
            Queued = entry.Queued,
            Running = entry.Running,
            Score = entry.Score,
            Rank = peer.Rank,
            Policy = entry.Policy,
            LastSeen = peer.LastSeen,
            IsSelf = peer.IsSelf,
        };
    }
}
