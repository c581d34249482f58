using Mesh.Core.Probe;

namespace Mesh.Tests.Core.Probe;

/// <summary>The /proc and cgroup parsers, fed file contents recorded on real machines, and garbage.</summary>
[TestFixture]
public sealed class ProcParsersTests
{
    private const string MemInfo = """
        MemTotal:       24684092 kB
        MemFree:        21919256 kB
        MemAvailable:   23586228 kB
        Buffers:           13240 kB
        Cached:          1864312 kB
        SwapTotal:             0 kB
        """;

    private const string Stat = """
        cpu  469980 0 68430 1288531 955 0 4513 100 0 0
        cpu0 229915 0 32622 651251 132 0 2188 55 0 0
        cpu1 240064 0 35808 637279 822 0 2325 45 0 0
        intr 7617732 0 0 0 0 0
        ctxt 123456
        btime 1764000000
        """;

    private const string CatStat = "11716 (cat) R 11714 11714 25749 0 -1 4194304 101 0 0 0 7 3 0 0 20 0 1 0 921617 3133440 416 18446744073709551615 94800909201408 94800909221289 140726450742112 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0";

    [Test]
    public void TryParseMemInfo_Recorded_ReadsTotalAndAvailableInBytes()
    {
        Assert.That(ProcParsers.TryParseMemInfo(MemInfo, out var info), Is.True);
        Assert.That(info, Is.EqualTo(new MemInfo(24684092L * 1024, 23586228L * 1024)));
        Assert.That(info.Used, Is.EqualTo((24684092L - 23586228L) * 1024));
    }

    [Test]
    public void TryParseMemInfo_NoAvailableLine_Fails() =>
        Assert.That(ProcParsers.TryParseMemInfo("MemTotal: 100 kB\nMemFree: 50 kB\n", out _), Is.False);

    [Test]
    public void TryParseCpuTimes_Recorded_SumsTicksAndCountsCpus()
    {
        Assert.That(ProcParsers.TryParseCpuTimes(Stat, out var times), Is.True);
        Assert.That(times.Total, Is.EqualTo(469980UL + 68430 + 1288531 + 955 + 4513 + 100));
        Assert.That(times.Idle, Is.EqualTo(1288531UL + 955));
        Assert.That(times.CpuCount, Is.EqualTo(2));
    }

    [Test]
    public void TryParseProcessStat_Recorded_ReadsParentTicksAndRss()
    {
        Assert.That(ProcParsers.TryParseProcessStat(CatStat, out var stat), Is.True);
        Assert.That(stat, Is.EqualTo(new ProcessStat(11716, 11714, 10, 416, 921617)));
    }

    [Test]
    public void TryParseProcessStat_NameWithSpacesAndParentheses_ReadsFieldsAfterTheLastParenthesis()
    {
        var text = CatStat.Replace("(cat)", "(my (odd) prog)", StringComparison.Ordinal);
        Assert.That(ProcParsers.TryParseProcessStat(text, out var stat), Is.True);
        Assert.That(stat.ParentPid, Is.EqualTo(11714));
    }

    [TestCase("0-3,8,10-11", 7)]
    [TestCase("0-1", 2)]
    [TestCase("5", 1)]
    public void TryParseCpuList_Ranges_Counts(string text, int expected)
    {
        Assert.That(ProcParsers.TryParseCpuList(text, out var count), Is.True);
        Assert.That(count, Is.EqualTo(expected));
    }

    [Test]
    public void TryParseAllowedCpus_StatusFile_CountsTheAffinityMask()
    {
        const string Status = "Name:\tcat\nCpus_allowed:\t3\nCpus_allowed_list:\t0-1\nMems_allowed_list:\t0\n";
        Assert.That(ProcParsers.TryParseAllowedCpus(Status, out var count), Is.True);
        Assert.That(count, Is.EqualTo(2));
    }

    [TestCase("max 100000", true, null)]
    [TestCase("150000 100000", true, 1.5)]
    [TestCase("200000", true, 2.0)]
    [TestCase("abc 100000", false, null)]
    [TestCase("100000 0", false, null)]
    public void TryParseCgroupCpuMax_Values(string text, bool ok, double? cores)
    {
        Assert.That(ProcParsers.TryParseCgroupCpuMax(text, out var parsed), Is.EqualTo(ok));
        Assert.That(parsed, Is.EqualTo(cores));
    }

    [Test]
    public void TryParseCgroupV1CpuQuota_UnlimitedAndLimited()
    {
        Assert.That(ProcParsers.TryParseCgroupV1CpuQuota("-1\n", "100000\n", out var none), Is.True);
        Assert.That(none, Is.Null);
        Assert.That(ProcParsers.TryParseCgroupV1CpuQuota("50000\n", "100000\n", out var half), Is.True);
        Assert.That(half, Is.EqualTo(0.5));
    }

    [TestCase("max\n", true, null)]
    [TestCase("9223372036854771712\n", true, null)]
    [TestCase("4294967296\n", true, 4294967296L)]
    [TestCase("lots", false, null)]
    public void TryParseCgroupMemoryLimit_Values(string text, bool ok, long? bytes)
    {
        Assert.That(ProcParsers.TryParseCgroupMemoryLimit(text, out var parsed), Is.EqualTo(ok));
        Assert.That(parsed, Is.EqualTo(bytes));
    }

    [Test]
    public void ParseCgroupPaths_HybridRecorded_MapsControllers()
    {
        const string Text = "9:name=systemd:/\n4:memory:/process_api/9ac8\n2:cpu,cpuacct:/\n0::/user.slice\ngarbage\n";
        var paths = ProcParsers.ParseCgroupPaths(Text);
        Assert.Multiple(() =>
        {
            Assert.That(paths["memory"], Is.EqualTo("/process_api/9ac8"));
            Assert.That(paths["cpu"], Is.EqualTo("/"));
            Assert.That(paths["cpuacct"], Is.EqualTo("/"));
            Assert.That(paths[""], Is.EqualTo("/user.slice"));
        });
    }

    [Test]
    public void ParseCpuModel_Cpuinfo_ReadsModelName() =>
        Assert.That(ProcParsers.ParseCpuModel("processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Xeon(R) CPU @ 2.20GHz\n"),
            Is.EqualTo("Intel(R) Xeon(R) CPU @ 2.20GHz"));

    [Test]
    public void Parsers_RandomGarbageAndTruncations_NeverThrow()
    {
        var random = new Random(11);
        var samples = new[] { MemInfo, Stat, CatStat, "max 100000", "0-3,8" };
        for (var i = 0; i < 5_000; i++)
        {
            var source = samples[random.Next(samples.Length)];
            var text = random.Next(2) == 0
                ? source[..random.Next(source.Length + 1)]
                : new string([.. Enumerable.Range(0, random.Next(0, 80)).Select(_ => (char)random.Next(1, 128))]);
            Assert.DoesNotThrow(() =>
            {
                _ = ProcParsers.TryParseMemInfo(text, out _);
                _ = ProcParsers.TryParseCpuTimes(text, out _);
                _ = ProcParsers.TryParseProcessStat(text, out _);
                _ = ProcParsers.TryParseCpuList(text, out _);
                _ = ProcParsers.TryParseAllowedCpus(text, out _);
                _ = ProcParsers.TryParseCgroupCpuMax(text, out _);
                _ = ProcParsers.TryParseCgroupV1CpuQuota(text, text, out _);
                _ = ProcParsers.TryParseCgroupMemoryLimit(text, out _);
                ProcParsers.ParseCgroupPaths(text);
                ProcParsers.ParseCpuModel(text);
                NvidiaSmiParser.Parse(text);
            }, text);
        }
    }
}
