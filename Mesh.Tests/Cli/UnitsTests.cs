using Mesh.Cli.Output;
using Mesh.Core.Resources;

namespace Mesh.Tests.Cli;

/// <summary>The one vocabulary of amounts in <c>mesh node</c>, <c>mesh peers</c> and <c>mesh top</c>.</summary>
[TestFixture]
public sealed class UnitsTests
{
    private const long MiB = 1L << 20;
    private const long GiB = 1L << 30;
    private const long GB = 1_000_000_000L;
    private const long TB = 1000 * GB;
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [TestCase(0L, "0 B", "0")]
    [TestCase(512L, "512 B", "512")]
    [TestCase(1023L, "1.0 KiB", "1.0K")]
    [TestCase(1024L, "1 KiB", "1K")]
    [TestCase(512L * MiB, "512 MiB", "512M")]
    [TestCase(999L * MiB, "999 MiB", "999M")]
    [TestCase(1000L * MiB, "1.0 GiB", "1.0G")]
    [TestCase(7L * GiB, "7 GiB", "7G")]
    [TestCase(8053063680L, "7.5 GiB", "7.5G")]
    [TestCase(15569256448L, "14.5 GiB", "15G")]
    [TestCase(16L * GiB, "16 GiB", "16G")]
    [TestCase(-2L * GiB, "-2 GiB", "-2G")]
    public void Memory_Sizes_ReadLikeRamInBinaryUnits(long bytes, string full, string compact)
    {
        Assert.Multiple(() =>
        {
            Assert.That(Units.Memory(bytes), Is.EqualTo(full));
            Assert.That(Units.MemoryShort(bytes), Is.EqualTo(compact));
        });
    }

    [TestCase(0L, "0 B", "0")]
    [TestCase(999L, "999 B", "999")]
    [TestCase(1000L, "1 KB", "1K")]
    [TestCase(250L * GB, "250 GB", "250G")]
    [TestCase(750L * GB, "750 GB", "750G")]
    [TestCase(999_600_000_000L, "1.0 TB", "1.0T")]
    [TestCase(TB, "1 TB", "1T")]
    [TestCase(1500L * GB, "1.5 TB", "1.5T")]
    [TestCase(500_107_862_016L, "500 GB", "500G")]
    public void Disk_Sizes_ReadLikeDisksInDecimalUnits(long bytes, string full, string compact)
    {
        Assert.Multiple(() =>
        {
            Assert.That(Units.Disk(bytes), Is.EqualTo(full));
            Assert.That(Units.DiskShort(bytes), Is.EqualTo(compact));
        });
    }

    [Test]
    public void Sizes_AnyAmount_StayWithinTheDocumentedWidths()
    {
        var random = new Random(7);
        for (var i = 0; i < 20_000; i++)
        {
            var bytes = (long)Math.Pow(2, random.NextDouble() * 63);
            Assert.Multiple(() =>
            {
                Assert.That(Units.Memory(bytes), Has.Length.LessThanOrEqualTo(ByteSize.MaxBinaryWidth), $"{bytes}");
                Assert.That(Units.Disk(bytes), Has.Length.LessThanOrEqualTo(ByteSize.MaxDecimalWidth), $"{bytes}");
                Assert.That(Units.MemoryShort(bytes), Has.Length.LessThanOrEqualTo(ByteSize.MaxShortWidth), $"{bytes}");
                Assert.That(Units.DiskShort(bytes), Has.Length.LessThanOrEqualTo(ByteSize.MaxShortWidth), $"{bytes}");
            });
        }
    }

    [TestCase(0.5, "0.5", "0.5")]
    [TestCase(4, "4", "4")]
    [TestCase(3.98, "4.0", "4.0")]
    [TestCase(18, "18", "18")]
    [TestCase(12.6, "12.6", "13")]
    [TestCase(128, "128", "128")]
    public void Cpu_Cores_WholeOrOneDecimal(double cores, string full, string compact)
    {
        Assert.Multiple(() =>
        {
            Assert.That(Units.Cpu(cores), Is.EqualTo(full));
            Assert.That(Units.CpuShort(cores), Is.EqualTo(compact));
        });
    }

    [TestCase(0, "-")]
    [TestCase(39.3, "39.3")]
    [TestCase(100.5, "101")]
    [TestCase(1234.5, "1235")]
    [TestCase(98765, "98765")]
    [TestCase(1_234_567, "1.2M")]
    public void Score_Values_FitFiveCharacters(double score, string expected) => Assert.That(Units.Score(score), Is.EqualTo(expected));

    [TestCase(0, "0s")]
    [TestCase(-5, "0s")]
    [TestCase(59, "59s")]
    [TestCase(61, "1m")]
    [TestCase(3 * 3600, "3h")]
    [TestCase(30 * 3600, "30h")]
    [TestCase(49 * 3600, "2d")]
    [TestCase(5000 * 86400, "999d")]
    public void Age_Seconds_AreShortAndAgoAddsAgo(int secondsAgo, string expected)
    {
        Assert.Multiple(() =>
        {
            Assert.That(Units.Age(Now.AddSeconds(-secondsAgo), Now), Is.EqualTo(expected));
            Assert.That(Units.Ago(Now.AddSeconds(-secondsAgo), Now), Is.EqualTo(expected + " ago"));
        });
    }

    [Test]
    public void Age_NeverSeen_IsADashOrNever()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Units.Age(default, Now), Is.EqualTo("-"));
            Assert.That(Units.Ago(default, Now), Is.EqualTo("never"));
        });
    }
}
