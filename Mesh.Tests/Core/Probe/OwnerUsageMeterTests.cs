using Mesh.Core.Probe;

namespace Mesh.Tests.Core.Probe;

[TestFixture]
public sealed class OwnerUsageMeterTests
{
    private const long Page = 4096;

    [Test]
    public void MeshTree_WalksDescendantsOnly()
    {
        ProcessStat[] processes =
        [
            new(1, 0, 0, 0, 0), new(100, 1, 0, 0, 0), new(101, 100, 0, 0, 0), new(102, 101, 0, 0, 0), new(200, 1, 0, 0, 0),
        ];
        var tree = OwnerUsageMeter.MeshTree(processes, 100).Select(p => p.Pid).Order();
        Assert.That(tree, Is.EqualTo(new[] { 100, 101, 102 }));
    }

    [Test]
    public void MeshTree_ParentCycle_Terminates()
    {
        ProcessStat[] processes = [new(100, 101, 0, 0, 0), new(101, 100, 0, 0, 0)];
        Assert.That(OwnerUsageMeter.MeshTree(processes, 100), Has.Count.EqualTo(2));
    }

    [Test]
    public void Next_SubtractsTheMeshTreeFromTheSystem()
    {
        var meter = new OwnerUsageMeter(100, Page);
        var memory = new MemInfo(16L << 30, 10L << 30);

        // First sample: no interval yet, so CPU is zero; memory is system used (6 GiB) minus mesh RSS (1 GiB).
        var first = meter.Next(new UsageSample(new CpuTimes(10_000, 8_000, 4), memory,
            [new(100, 1, 50, (1L << 30) / Page, 7), new(300, 1, 500, 100, 9)]));
        Assert.That(first.Cpu, Is.Zero);
        Assert.That(first.Memory, Is.EqualTo(5L << 30));

        // 400 ticks over 4 CPUs = 100 ticks a CPU. Busy grew 300 ticks = 3 cores; mesh (pid 100 grew 50, new child
        // 101 has 50) = 100 ticks = 1 core; owner = 2 cores.
        var second = meter.Next(new UsageSample(new CpuTimes(10_400, 8_100, 4), memory,
            [new(100, 1, 100, (1L << 30) / Page, 7), new(101, 100, 50, 0, 8), new(300, 1, 700, 100, 9)]));
        Assert.That(second.Cpu, Is.EqualTo(2).Within(1e-9));
    }

    [Test]
    public void Next_MeshUsesMoreThanMeasured_ClampsToZero()
    {
        var meter = new OwnerUsageMeter(100, Page);
        var memory = new MemInfo(1L << 30, 1L << 29);
        meter.Next(new UsageSample(new CpuTimes(1_000, 900, 1), memory, [new(100, 1, 0, 0, 1)]));
        var usage = meter.Next(new UsageSample(new CpuTimes(1_100, 950, 1), memory, [new(100, 1, 500, 1L << 20, 1)]));
        Assert.That(usage.Cpu, Is.Zero);
        Assert.That(usage.Memory, Is.Zero);
    }

    [Test]
    public void Next_CountersWentBackwards_ReportsZeroCpuInsteadOfNonsense()
    {
        var meter = new OwnerUsageMeter(100, Page);
        var memory = new MemInfo(1L << 30, 1L << 29);
        meter.Next(new UsageSample(new CpuTimes(1_000, 100, 1), memory, []));
        Assert.That(meter.Next(new UsageSample(new CpuTimes(900, 100, 1), memory, [])).Cpu, Is.Zero);
    }
}
