using Mesh.Core.Control;
using Mesh.Core.Ledger;
using Mesh.Core.Resources;
using Mesh.Libp2p.Identity;

namespace Mesh.Tests.Core.Scheduling;

/// <summary>Peer tables for placement tests: this node plus peers with the surpluses a test wants.</summary>
internal static class TestPeers
{
    public static LedgerPeer Peer(string name, ResourceVector surplus, double score = 100, ResourceVector inUse = default, PeerId? id = null) => new(
        new LedgerEntry
        {
            Peer = id ?? IdentityKey.Generate().PeerId,
            Name = name,
            Version = 1,
            IssuedAt = DateTimeOffset.UnixEpoch,
            Capacity = surplus + new ResourceVector(1, 1L << 30, 0, 0),
            Reserved = new ResourceVector(1, 1L << 30, 0, 0),
            Surplus = surplus,
            InUse = inUse,
            Score = score,
        },
        DateTimeOffset.UnixEpoch,
        1,
        false);

    public static LedgerPeer Self(string id) => new(
        new LedgerEntry
        {
            Peer = PeerId.Parse(id),
            Name = "test-node",
            Version = 1,
            IssuedAt = DateTimeOffset.UnixEpoch,
            Capacity = TaskServiceHarness.Capacity,
            Reserved = default,
            Surplus = TaskServiceHarness.Capacity,
        },
        DateTimeOffset.UnixEpoch,
        1,
        true);

    public static PeerTableSnapshot Table(params LedgerPeer[] peers)
    {
        var all = peers.Prepend(Self(TaskServiceHarness.Self)).ToList();
        return new PeerTableSnapshot(all[0].Entry.Peer, all, new LayerTotals(default, default, default), 1, DateTimeOffset.UnixEpoch);
    }
}
