using Mesh.Core.Ledger;
using Mesh.Core.Resources;
using Mesh.Libp2p.Identity;

namespace Mesh.Tests.Core.Ledger;

/// <summary>Entries and states for ledger tests, with the FIG 7 numbers of issue 4.</summary>
internal static class LedgerTestData
{
    public const long GiB = 1L << 30;
    public const long MiB = 1L << 20;
    public const long GB = 1_000_000_000L;
    public const long TB = 1_000_000_000_000L;

    /// <summary>The clock of the test vector and of the fake-time tests: 2023-11-14T22:13:20Z.</summary>
    public static readonly DateTimeOffset Epoch = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);

    /// <summary>FIG 7 node A: cpu=4, mem=8GiB, disk=1TB; reserve cpu=1, mem=1GiB, disk=250GB.</summary>
    public static LocalLedgerState NodeA => State("node-a", new(4, 8 * GiB, TB, 0), new(1, GiB, 250 * GB, 0));

    /// <summary>FIG 7 node B: cpu=2, mem=8GiB, disk=500GB; reserve cpu=1, mem=512MiB, disk=250GB.</summary>
    public static LocalLedgerState NodeB => State("node-b", new(2, 8 * GiB, 500 * GB, 0), new(1, 512 * MiB, 250 * GB, 0));

    /// <summary>The identity of the test vector: seed bytes 0x00..0x1f.</summary>
    public static IdentityKey VectorIdentity => IdentityKey.FromSeed(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());

    public static LocalLedgerState State(string name, ResourceVector capacity, ResourceVector reserved, double score = 0) => new()
    {
        Name = name,
        Capacity = capacity,
        Reserved = reserved,
        Surplus = (capacity - reserved).ClampToZero(),
        Score = score,
    };

    public static LedgerEntry Entry(IdentityKey identity, ulong version, DateTimeOffset issuedAt, LocalLedgerState? state = null) =>
        (state ?? NodeA).ToEntry(identity.PeerId, version, issuedAt);

    /// <summary>A complete entry using every field, for round trips.</summary>
    public static LedgerEntry Full(IdentityKey identity) => new()
    {
        Peer = identity.PeerId,
        Name = "gpu-box-ü",
        Version = 1_700_000_000_123,
        IssuedAt = Epoch.AddMilliseconds(123),
        Addresses = ["/ip4/10.0.0.5/tcp/4001", "/ip6/::1/tcp/4001"],
        Capacity = new ResourceVector(15.5, 64 * GiB, 2 * TB, 2),
        Reserved = new ResourceVector(2, 8 * GiB, 500 * GB, 0),
        Surplus = new ResourceVector(13.5, 56 * GiB, 1500 * GB, 2),
        InUse = new ResourceVector(0.25, GiB, 10 * GB, 1),
        Gpus = [new GpuDevice("NVIDIA H100 80GB HBM3", 80 * GiB), new GpuDevice("NVIDIA H100 80GB HBM3", 80 * GiB)],
        Queued = 3,
        Running = 1,
        Score = 1234.5,
        Policy = "dynamic",
    };

    /// <summary>The entry of the fixed vector in docs/protocol.md.</summary>
    public static LedgerEntry Vector => new()
    {
        Peer = VectorIdentity.PeerId,
        Name = "node-a",
        Version = 1_700_000_000_000,
        IssuedAt = Epoch,
        Addresses = ["/ip4/192.168.1.10/tcp/4001"],
        Capacity = new ResourceVector(4, 8 * GiB, TB, 0),
        Reserved = new ResourceVector(1, GiB, 250 * GB, 0),
        Surplus = new ResourceVector(3, 7 * GiB, 750 * GB, 0),
        Score = 1234.5,
    };

    /// <summary>Field-wise comparison (the record compares its lists by reference).</summary>
    public static void AssertSame(LedgerEntry actual, LedgerEntry expected) => Assert.Multiple(() =>
    {
        Assert.That(actual.Peer, Is.EqualTo(expected.Peer));
        Assert.That(actual.Name, Is.EqualTo(expected.Name));
        Assert.That(actual.Version, Is.EqualTo(expected.Version));
        Assert.That(actual.IssuedAt, Is.EqualTo(expected.IssuedAt));
        Assert.That(actual.Addresses, Is.EqualTo(expected.Addresses));
        Assert.That(actual.Capacity, Is.EqualTo(expected.Capacity));
        Assert.That(actual.Reserved, Is.EqualTo(expected.Reserved));
        Assert.That(actual.Surplus, Is.EqualTo(expected.Surplus));
        Assert.That(actual.InUse, Is.EqualTo(expected.InUse));
        Assert.That(actual.Gpus, Is.EqualTo(expected.Gpus));
        Assert.That(actual.Queued, Is.EqualTo(expected.Queued));
        Assert.That(actual.Running, Is.EqualTo(expected.Running));
        Assert.That(actual.Score, Is.EqualTo(expected.Score));
        Assert.That(actual.Policy, Is.EqualTo(expected.Policy));
    });
}
