using Mesh.Core.Resources;

namespace Mesh.Tests.Core.Resources;

[TestFixture]
public sealed class EarmarkTests
{
    private static readonly ResourceVector Capacity = new(4, 8L << 30, 1_000_000_000_000L, 3);

    [Test]
    public void ReservedOf_Reserve_KeepsTheAmounts()
    {
        var earmark = new Earmark(ResourceSpec.Parse("cpu=1,mem=1GiB,disk=250GB"), ResourceShare.Empty);
        var reserved = earmark.ReservedOf(Capacity);
        Assert.That(reserved, Is.EqualTo(new ResourceVector(1, 1L << 30, 250_000_000_000L, 0)));
        Assert.That(Capacity - reserved, Is.EqualTo(new ResourceVector(3, 7L << 30, 750_000_000_000L, 3)), "FIG 7: 3 cores, 7 GiB, 750 GB");
    }

    [Test]
    public void ReservedOf_Share_KeepsTheComplement()
    {
        var earmark = new Earmark(ResourceSpec.Empty, ResourceShare.Parse("cpu=75%,mem=50%,gpu=50%"));
        var reserved = earmark.ReservedOf(Capacity);
        Assert.That(reserved, Is.EqualTo(new ResourceVector(1, 4L << 30, 0, 2)), "half of 3 GPUs shares 1 whole device");
    }

    [Test]
    public void ReservedOf_ReserveAboveCapacity_IsCappedSoSurplusIsNotNegative()
    {
        var earmark = new Earmark(ResourceSpec.Parse("cpu=16,mem=1TiB"), ResourceShare.Empty);
        var reserved = earmark.ReservedOf(Capacity);
        Assert.That(reserved.Cpu, Is.EqualTo(4));
        Assert.That((Capacity - reserved).ClampToZero().FitsWithin(Capacity), Is.True);
        Assert.That((Capacity - reserved).Memory, Is.Zero);
    }

    [Test]
    public void Constructor_SameKeyReservedAndShared_Throws()
    {
        Assert.That(() => new Earmark(ResourceSpec.Parse("cpu=1"), ResourceShare.Parse("cpu=50%")),
            Throws.ArgumentException.With.Message.Contains("cpu is both reserved and shared"));
        Assert.That(Earmark.FindConflict(ResourceSpec.Parse("cpu=1"), ResourceShare.Parse("mem=50%")), Is.Null);
    }

    [Test]
    public void ToString_SaysWhatIsKept()
    {
        Assert.That(new Earmark(ResourceSpec.Parse("cpu=1"), ResourceShare.Parse("mem=50%")).ToString(), Is.EqualTo("reserve cpu=1; share mem=50%"));
        Assert.That(Earmark.None.ToString(), Is.EqualTo("nothing reserved"));
    }
}
