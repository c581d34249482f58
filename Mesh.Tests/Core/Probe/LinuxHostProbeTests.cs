using Mesh.Core.Probe;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mesh.Tests.Core.Probe;

/// <summary>The Linux probe over a recorded proc and cgroup tree in a temporary directory, and once on this machine.</summary>
[TestFixture]
public sealed class LinuxHostProbeTests
{
    private DirectoryInfo _root = null!;

    [SetUp]
    public void CreateRoot() => _root = Directory.CreateTempSubdirectory("mesh-probe-");

    [TearDown]
    public void DeleteRoot() => _root.Delete(recursive: true);

    [Test]
    public async Task ReadCapacity_CgroupStricterThanMachine_TakesTheCgroupLimits()
    {
        var proc = Write("proc/meminfo", "MemTotal: 16777216 kB\nMemAvailable: 8388608 kB\n");
        Write("proc/self/status", "Cpus_allowed_list:\t0-7\n");
        Write("proc/self/cgroup", "0::/mesh.slice/node\n");
        Write("cgroup/mesh.slice/cpu.max", "250000 100000\n");
        Write("cgroup/mesh.slice/node/memory.max", "4294967296\n");
        var probe = new LinuxHostProbe(Options(proc), NullLogger.Instance);

        var capacity = await probe.ReadCapacityAsync();

        Assert.That(capacity.Resources.Cpu, Is.EqualTo(2.5));
        Assert.That(capacity.Resources.Memory, Is.EqualTo(4L << 30));
        Assert.That(capacity.Resources.Disk, Is.GreaterThan(0));
        Assert.That(capacity.Gpus, Is.Empty);
    }

    [Test]
    public async Task ReadCapacity_CgroupV1Unlimited_TakesTheMachine()
    {
        var proc = Write("proc/meminfo", "MemTotal: 16777216 kB\nMemAvailable: 8388608 kB\n");
        Write("proc/self/status", "Cpus_allowed_list:\t0-3\n");
        Write("proc/self/cgroup", "4:memory:/jobs\n2:cpu,cpuacct:/\n");
        Write("cgroup/memory/jobs/memory.limit_in_bytes", "9223372036854771712\n");
        Write("cgroup/cpu,cpuacct/cpu.cfs_quota_us", "-1\n");
        Write("cgroup/cpu,cpuacct/cpu.cfs_period_us", "100000\n");

        var capacity = await new LinuxHostProbe(Options(proc), NullLogger.Instance).ReadCapacityAsync();

        Assert.That(capacity.Resources.Cpu, Is.EqualTo(4));
        Assert.That(capacity.Resources.Memory, Is.EqualTo(16L << 30));
    }

    [Test]
    public async Task ReadCapacity_FakeNvidiaSmi_ListsItsGpus()
    {
        var proc = Write("proc/meminfo", "MemTotal: 1024 kB\nMemAvailable: 512 kB\n");
        var smi = Write("bin/nvidia-smi", "#!/bin/sh\necho 'NVIDIA H100 80GB HBM3, 81559'\necho 'NVIDIA H100 80GB HBM3, 81559'\n");
        File.SetUnixFileMode(smi, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        var options = Options(proc);
        options.NvidiaSmiPath = smi;

        var capacity = await new LinuxHostProbe(options, NullLogger.Instance).ReadCapacityAsync();

        Assert.That(capacity.Resources.Gpu, Is.EqualTo(2));
        Assert.That(capacity.Gpus[0].Memory, Is.EqualTo(81559L << 20));
    }

    [Test]
    public async Task ReadCapacity_HangingNvidiaSmi_TimesOutWithNoGpus()
    {
        var proc = Write("proc/meminfo", "MemTotal: 1024 kB\nMemAvailable: 512 kB\n");
        var smi = Write("bin/nvidia-smi", "#!/bin/sh\nexec sleep 30\n");
        File.SetUnixFileMode(smi, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        var options = Options(proc);
        options.NvidiaSmiPath = smi;
        options.NvidiaSmiTimeout = TimeSpan.FromMilliseconds(200);

        var capacity = await new LinuxHostProbe(options, NullLogger.Instance).ReadCapacityAsync();

        Assert.That(capacity.Gpus, Is.Empty);
    }

    [Test]
    public void ReadCapacity_NoMeminfo_ThrowsIOException()
    {
        var proc = Directory.CreateDirectory(Path.Combine(_root.FullName, "proc")).FullName;
        Assert.That(() => new LinuxHostProbe(Options(proc), NullLogger.Instance).ReadCapacityAsync(), Throws.InstanceOf<IOException>());
    }

    [Test]
    public async Task ThisMachine_CapacityAndOwnerUsage_AreSane()
    {
        var options = new HostProbeOptions { DataDir = _root.FullName, NvidiaSmiPath = null };
        var capacity = await HostProbes.CreateDefault(options, NullLogger.Instance).ReadCapacityAsync();
        var usage = HostProbes.CreateDefaultUsageSource(options);
        await usage.ReadOwnerUsageAsync();
        var owner = await usage.ReadOwnerUsageAsync();

        Assert.That(capacity.Resources.Cpu, Is.InRange(1, Environment.ProcessorCount));
        Assert.That(capacity.Resources.Memory, Is.GreaterThan(64L << 20));
        Assert.That(owner.Cpu, Is.InRange(0, Environment.ProcessorCount));
        Assert.That(owner.Memory, Is.InRange(0, capacity.Resources.Memory));
    }

    private HostProbeOptions Options(string proc) => new()
    {
        DataDir = _root.FullName,
        ProcRoot = proc,
        CgroupRoot = Path.Combine(_root.FullName, "cgroup"),
        NvidiaSmiPath = null,
    };

    private string Write(string relative, string text)
    {
        var path = Path.Combine(_root.FullName, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return relative.StartsWith("proc/", StringComparison.Ordinal) ? Path.Combine(_root.FullName, "proc") : path;
    }
}
