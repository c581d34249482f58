using Mesh.Cli.Top;
using Mesh.Core.Control;
using Mesh.Core.Resources;

namespace Mesh.Tests.Cli.Top;

/// <summary>Peer tables for the <c>mesh top</c> tests: FIG 7's two machines, a third with a GPU, and big tables.</summary>
internal static class TopTestPeers
{
    public const long KiB = 1024;
    public const long MiB = 1024 * KiB;
    public const long GiB = 1024 * MiB;
    public const long GB = 1_000_000_000;
    public const long TB = 1000 * GB;

    public const string IdA = "12D3KooWAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAaaaaaa";
    public const string IdB = "12D3KooWBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBbbbbbb";
    public const string IdC = "12D3KooWCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCcccccc";

    public static readonly DateTimeOffset Now = new(2026, 11, 24, 21, 30, 5, TimeSpan.Zero);

    /// <summary>FIG 7, machine A: cpu=4,mem=8GiB,disk=1TB reserved cpu=1,mem=1GiB,disk=250GB; surplus 3 cores, 7 GiB, 750 GB.</summary>
    public static PeerView A { get; } = new()
    {
        Id = IdA,
        Name = "alpha",
        Addrs = ["/ip4/127.0.0.1/tcp/4001/p2p/" + IdA, "/ip4/192.168.1.10/tcp/4001/p2p/" + IdA],
        Capacity = new ResourceVector(4, 8 * GiB, 1 * TB, 0),
        Reserved = new ResourceVector(1, 1 * GiB, 250 * GB, 0),
        Surplus = new ResourceVector(3, 7 * GiB, 750 * GB, 0),
        InUse = new ResourceVector(1, 512 * MiB, 0, 0),
        Queued = 2,
        Running = 1,
        Score = 812.4,
        Rank = 1,
        LastSeen = Now.AddSeconds(-2),
        IsSelf = true,
    };

    /// <summary>FIG 7, machine B: cpu=2,mem=8GiB,disk=500GB reserved cpu=1,mem=512MiB,disk=250GB; surplus 1 core, 7.5 GiB, 250 GB.</summary>
    public static PeerView B { get; } = new()
    {
        Id = IdB,
        Name = "bravo",
        Addrs = ["/ip4/192.168.1.11/tcp/4001/p2p/" + IdB],
        Capacity = new ResourceVector(2, 8 * GiB, 500 * GB, 0),
        Reserved = new ResourceVector(1, 512 * MiB, 250 * GB, 0),
        Surplus = new ResourceVector(1, (long)(7.5 * GiB), 250 * GB, 0),
        Queued = 0,
        Running = 3,
        Score = 455,
        Rank = 2,
        LastSeen = Now.AddSeconds(-40),
    };

    /// <summary>A third machine with a GPU, heard from long ago.</summary>
    public static PeerView C { get; } = new()
    {
        Id = IdC,
        Name = "charlie-gpu-box",
        Addrs = ["/ip6/fd00::7/tcp/4001/p2p/" + IdC],
        Capacity = new ResourceVector(16, 64 * GiB, 2 * TB, 1),
        Reserved = new ResourceVector(2, 8 * GiB, 500 * GB, 0),
        Surplus = new ResourceVector(14, 56 * GiB, 1500 * GB, 1),
        InUse = new ResourceVector(0, 0, 0, 1),
        Gpus = [new GpuDevice("NVIDIA H100 80GB HBM3", 80 * GiB)],
        Queued = 5,
        Running = 0,
        Score = 97.5,
        Rank = 3,
        Policy = "dynamic",
        LastSeen = Now.AddMinutes(-3),
    };

    /// <summary>FIG 7: A and B only.</summary>
    public static PeersView Fig7 { get; } = View(A, B);

    /// <summary>A, B and C.</summary>
    public static PeersView Three { get; } = View(A, B, C);

    public static PeersView View(params PeerView[] peers)
    {
        var capacity = ResourceVector.Zero;
        var surplus = ResourceVector.Zero;
        var inUse = ResourceVector.Zero;
        foreach (var peer in peers)
        {
            capacity += peer.Capacity;
            surplus += peer.Surplus;
            inUse += peer.InUse;
        }

        return new PeersView(IdA, peers, new LayerTotals(capacity, surplus, inUse));
    }

    /// <summary><paramref name="count"/> peers named peer-00.. with distinct resources, ids, scores and ages; the first is self.</summary>
    public static PeersView Many(int count)
    {
        var peers = new PeerView[count];
        for (var i = 0; i < count; i++)
        {
            var id = $"12D3KooWPeer{i:D40}";
            peers[i] = new PeerView
            {
                Id = id,
                Name = $"peer-{i:D2}",
                Addrs = [$"/ip4/10.0.{i / 200}.{(i % 200) + 1}/tcp/{4001 + i}/p2p/{id}"],
                Capacity = new ResourceVector(8, 16 * GiB, 1 * TB, i % 3),
                Reserved = new ResourceVector(1, 2 * GiB, 100 * GB, 0),
                Surplus = new ResourceVector(1 + (i % 7), (1 + (i % 11)) * GiB, (100 + (i * 10)) * GB, i % 3),
                InUse = new ResourceVector(i % 2, (i % 5) * 256 * MiB, 0, 0),
                Queued = (i * 3) % 10,
                Running = i % 4,
                Score = 100 + ((i * 37) % 900),
                Rank = i + 1,
                LastSeen = Now.AddSeconds(-(i * 13 % 300)),
                IsSelf = i == 0,
            };
        }

        var view = View(peers);
        return view with { Self = peers[0].Id };
    }

    public static TopModel Model(PeersView view, TopState? state = null, string? error = null) => new()
    {
        State = (state ?? new TopState()).WithPageSize(TopRenderer.TableRows(24)).WithPeers(view.Peers),
        View = view,
        Endpoint = "unix:/run/mesh/control.sock",
        Error = error,
        UpdatedAt = Now,
        Now = Now,
    };
}
