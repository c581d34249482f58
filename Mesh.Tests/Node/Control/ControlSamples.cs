using Mesh.Core.Control;
using Mesh.Core.Resources;
using Mesh.Libp2p.Identity;

namespace Mesh.Tests.Node.Control;

/// <summary>Deterministic node and peer-table views for control API and CLI tests.</summary>
internal static class ControlSamples
{
    public const long GiB = 1024L * 1024 * 1024;
    public const long GB = 1_000_000_000L;

    public static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static string PeerIdOf(int index)
    {
        var seed = new byte[32];
        seed[0] = (byte)index;
        seed[1] = (byte)(index >> 8);
        seed[31] = 0x5a;
        return IdentityKey.FromSeed(seed).PeerId.ToString();
    }

    public static NodeView Node(double score = 1234.5) => new()
    {
        Id = PeerIdOf(0),
        Name = "alpha",
        Addrs = [$"/ip4/127.0.0.1/tcp/4001/p2p/{PeerIdOf(0)}", $"/ip6/::1/tcp/4001/p2p/{PeerIdOf(0)}"],
        Capacity = new ResourceVector(4, 8 * GiB, 1000 * GB, 1),
        Reserved = new ResourceVector(1, 1 * GiB, 250 * GB, 0),
        Surplus = new ResourceVector(3, 7 * GiB, 750 * GB, 1),
        InUse = new ResourceVector(0.5, GiB / 2, 0, 0),
        OwnerUsage = new ResourceVector(0.7, 3 * GiB, 100 * GB, 0),
        Gpus = [new GpuDevice("NVIDIA H100 80GB HBM3", 80 * GiB)],
        Policy = "static",
        Score = score,
        Rank = 1,
        Isolation = ["working directory per task", "clean environment"],
        DataDir = "/var/lib/mesh",
        MeshKeyFingerprint = "9f2c41d7e0a3b5c6",
        StartedAt = Now.AddMinutes(-3),
    };

    /// <summary>A table of <paramref name="count"/> peers, the first being the answering node.</summary>
    public static PeersView Peers(int count)
    {
        var peers = new List<PeerView>(count);
        for (var i = 0; i < count; i++)
        {
            var capacity = new ResourceVector(2 + (i % 7), (4 + i) * GiB, (500 + (10 * i)) * GB, i % 3 == 0 ? 1 : 0);
            var reserved = new ResourceVector(1, GiB, 250 * GB, 0);
            peers.Add(new PeerView
            {
                Id = PeerIdOf(i),
                Name = i == 7 ? "a-machine-name-far-too-long-for-the-table" : $"host-{i:00}",
                Addrs = [$"/ip4/10.0.0.{i + 1}/tcp/4001/p2p/{PeerIdOf(i)}"],
                Capacity = capacity,
                Reserved = reserved,
                Surplus = (capacity - reserved).ClampToZero(),
                InUse = new ResourceVector(i % 2, 0, 0, 0),
                Queued = i % 4,
                Running = i % 2,
                Score = 1000 + (37.5 * i),
                Rank = count - i,
                Policy = "dynamic",
                LastSeen = Now.AddSeconds(-i * 7),
                IsSelf = i == 0,
            });
        }

        return new PeersView(PeerIdOf(0), peers, new LayerTotals(
            Sum(peers, p => p.Capacity),
            Sum(peers, p => p.Surplus),
            Sum(peers, p => p.InUse)));
    }

    private static ResourceVector Sum(List<PeerView> peers, Func<PeerView, ResourceVector> pick) =>
        peers.Aggregate(ResourceVector.Zero, (total, peer) => total + pick(peer));
}
