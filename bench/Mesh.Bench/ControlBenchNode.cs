using Mesh.Core.Control;
using Mesh.Core.Resources;

namespace Mesh.Bench;

/// <summary>A node that serves a fixed peer table of realistic shape (ids, addresses, every field filled).</summary>
internal sealed class ControlBenchNode : INodeControl
{
    private const long GiB = 1024L * 1024 * 1024;
    private readonly PeersView _peers;
    private readonly NodeView _node;

    public ControlBenchNode(int peerCount)
    {
        var now = DateTimeOffset.UtcNow;
        var peers = new List<PeerView>(peerCount);
        for (var i = 0; i < peerCount; i++)
        {
            var id = Mesh.Libp2p.Identity.IdentityKey.Generate().PeerId.ToString();
            var capacity = new ResourceVector(4 + (i % 29), (8 + i) * GiB, (1 + (i % 4)) * 1_000_000_000_000L, i % 5 == 0 ? 2 : 0);
            var reserved = new ResourceVector(1, GiB, 250_000_000_000L, 0);
            peers.Add(new PeerView
            {
                Id = id,
                Name = $"worker-{i:00}",
                Addrs = [$"/ip4/10.1.0.{i + 1}/tcp/4001/p2p/{id}", $"/ip6/fd00::{i + 1:x}/tcp/4001/p2p/{id}"],
                Capacity = capacity,
                Reserved = reserved,
                Surplus = (capacity - reserved).ClampToZero(),
                InUse = new ResourceVector(i % 3, i % 3 * GiB, 0, 0),
                Gpus = i % 5 == 0 ? [new GpuDevice("NVIDIA L4", 24 * GiB), new GpuDevice("NVIDIA L4", 24 * GiB)] : [],
                Queued = i % 4,
                Running = i % 3,
                Score = 900 + (17.25 * i),
                Rank = peerCount - i,
                Policy = "dynamic",
                LastSeen = now.AddSeconds(-(i % 9)),
                IsSelf = i == 0,
            });
        }

        _peers = new PeersView(peers[0].Id, peers, new LayerTotals(
            peers.Aggregate(ResourceVector.Zero, (sum, p) => sum + p.Capacity),
            peers.Aggregate(ResourceVector.Zero, (sum, p) => sum + p.Surplus),
            peers.Aggregate(ResourceVector.Zero, (sum, p) => sum + p.InUse)));
        _node = new NodeView { Id = peers[0].Id, Name = peers[0].Name, Addrs = peers[0].Addrs, StartedAt = now };
    }

    public NodeView GetNode() => _node;

    public PeersView GetPeers() => _peers;

    public Task<NodeView> RerunBenchmarkAsync(CancellationToken cancellationToken = default) => Task.FromResult(_node);
}
