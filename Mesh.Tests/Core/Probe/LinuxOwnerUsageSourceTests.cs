using Mesh.Core.Probe;

namespace Mesh.Tests.Core.Probe;

/// <summary>The Linux owner-usage source over a recorded /proc tree in a temporary directory.</summary>
public sealed class LinuxOwnerUsageSourceTests
{
    private const string MemInfo = "MemTotal:       16384000 kB\nMemFree:         8192000 kB\nMemAvailable:   12288000 kB\n";
    private const string Stat = "cpu  100 0 100 800 0 0 0 0 0 0\ncpu0 50 0 50 400 0 0 0 0 0 0\ncpu1 50 0 50 400 0 0 0 0 0 0\n";
    private DirectoryInfo _proc = null!;

    [SetUp]
    public void CreateProc()
    {
        _proc = Directory.CreateTempSubdirectory("mesh-proc-");
        File.WriteAllText(Path.Combine(_proc.FullName, "meminfo"), MemInfo);
        File.WriteAllText(Path.Combine(_proc.FullName, "stat"), Stat);
    }

    [TearDown]
    public void DeleteProc() => _proc.Delete(recursive: true);

    [Test]
    public void ReadSample_ChildrenFiles_WalksOnlyTheNodesTree()
    {
        AddProcess(100, parent: 1, children: [101], tasks: [100, 107]);
        AddProcess(101, parent: 100, children: [102]);
        AddProcess(102, parent: 101, children: []);
        AddProcess(200, parent: 1, children: []);
        File.WriteAllText(Path.Combine(_proc.FullName, "100", "task", "107", "children"), "103 ");
        AddProcess(103, parent: 100, children: []);

        var sample = new LinuxOwnerUsageSource(new HostProbeOptions { ProcRoot = _proc.FullName, MeshProcessId = 100 }).ReadSample();

        Assert.That(sample.Processes.Select(p => p.Pid), Is.EquivalentTo(new[] { 100, 101, 102, 103 }), "children of every thread, not the unrelated 200");
    }

    [Test]
    public void ReadSample_NoChildrenFiles_ScansEveryProcess()
    {
        AddProcess(100, parent: 1, children: null);
        AddProcess(101, parent: 100, children: null);
        AddProcess(200, parent: 1, children: null);

        var sample = new LinuxOwnerUsageSource(new HostProbeOptions { ProcRoot = _proc.FullName, MeshProcessId = 100 }).ReadSample();

        Assert.That(sample.Processes.Select(p => p.Pid), Is.EquivalentTo(new[] { 100, 101, 200 }));
        Assert.That(OwnerUsageMeter.MeshTree(sample.Processes, 100).Select(p => p.Pid), Is.EquivalentTo(new[] { 100, 101 }));
    }

    [Test]
    public void ReadSample_ChildVanishedBetweenReads_IsLeftOut()
    {
        AddProcess(100, parent: 1, children: [101, 999]);
        AddProcess(101, parent: 100, children: []);

        var sample = new LinuxOwnerUsageSource(new HostProbeOptions { ProcRoot = _proc.FullName, MeshProcessId = 100 }).ReadSample();

        Assert.That(sample.Processes.Select(p => p.Pid), Is.EquivalentTo(new[] { 100, 101 }));
    }

    private void AddProcess(int pid, int parent, int[]? children, int[]? tasks = null)
    {
        var directory = Directory.CreateDirectory(Path.Combine(_proc.FullName, pid.ToString()));
        File.WriteAllText(Path.Combine(directory.FullName, "stat"),
            $"{pid} (p{pid}) S {parent} {pid} {pid} 0 -1 4194304 101 0 0 0 7 3 0 0 20 0 1 0 921617 3133440 416 18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0");
        if (children is null)
        {
            return;
        }

        foreach (var task in tasks ?? [pid])
        {
            var taskDir = Directory.CreateDirectory(Path.Combine(directory.FullName, "task", task.ToString()));
            File.WriteAllText(Path.Combine(taskDir.FullName, "children"), task == pid ? string.Join(' ', children) + (children.Length > 0 ? " " : "") : "");
        }
    }
}
