using Mesh.Core.Execution;

namespace Mesh.Tests.Core.Execution;

/// <summary>The pure parts of the probe: mountinfo, /proc/self/cgroup and passwd.</summary>
[TestFixture]
public sealed class IsolationParsingTests
{
    private const string MountInfo =
        "30 25 0:26 / /sys/fs/cgroup/memory rw,nosuid shared:9 - cgroup cgroup rw,memory\n" +
        "31 25 0:27 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid shared:10 - cgroup cgroup rw,cpu,cpuacct\n" +
        "32 25 0:28 / /sys/fs/cgroup/systemd rw - cgroup cgroup rw,xattr,name=systemd\n" +
        "33 25 0:29 /node /sys/fs/cgroup/unified rw - cgroup2 cgroup2 rw\n" +
        "garbage line\n" +
        "40 1 8:1 / / rw - ext4 /dev/sda1 rw\n";

    [Test]
    public void ParseMountInfo_HybridMachine_FindsV1ControllersAndV2()
    {
        var mounts = CgroupMount.ParseMountInfo(MountInfo);

        Assert.That(mounts, Has.Count.EqualTo(3));
        Assert.That(mounts[0].Controllers, Is.EquivalentTo(new[] { "memory" }));
        Assert.That(mounts[1].Controllers, Is.EquivalentTo(new[] { "cpu", "cpuacct" }));
        Assert.That(mounts[2].Version, Is.EqualTo(CgroupVersion.V2));
        Assert.That(mounts[2].Root, Is.EqualTo("/node"));
    }

    [Test]
    public void DirectoryOf_CgroupUnderTheMountRoot_JoinsTheRest()
    {
        var mount = CgroupMount.ParseMountInfo(MountInfo)[2];

        Assert.That(mount.DirectoryOf("/node/app"), Is.EqualTo("/sys/fs/cgroup/unified/app"));
        Assert.That(mount.DirectoryOf("/node"), Is.EqualTo("/sys/fs/cgroup/unified"));
        Assert.That(mount.DirectoryOf("/other"), Is.Null);
        Assert.That(mount.DirectoryOf("/nodeling"), Is.Null);
    }

    [Test]
    public void ProcessCgroups_HybridMembership_FindsEachPath()
    {
        const string Text = "4:memory:/box/one\n2:cpu,cpuacct:/\n0::/unified/x\n";

        Assert.That(ProcessCgroups.UnifiedPath(Text), Is.EqualTo("/unified/x"));
        Assert.That(ProcessCgroups.V1Path(Text, "memory"), Is.EqualTo("/box/one"));
        Assert.That(ProcessCgroups.V1Path(Text, "cpuacct"), Is.EqualTo("/"));
        Assert.That(ProcessCgroups.V1Path(Text, "pids"), Is.Null);
    }

    [Test]
    public void UnixUserFind_PasswdText_FindsUidAndGid()
    {
        const string Passwd = "root:x:0:0:root:/root:/bin/bash\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\nbroken:x:y\n";

        Assert.That(UnixUser.Find(Passwd, "nobody"), Is.EqualTo(new UnixUser("nobody", 65534, 65534)));
        Assert.That(UnixUser.Find(Passwd, "broken"), Is.Null);
        Assert.That(UnixUser.Find(Passwd, "absent"), Is.Null);
    }

    [TestCase("ok-id_1.2", true)]
    [TestCase("..", false)]
    [TestCase("a/b", false)]
    [TestCase("", false)]
    [TestCase("ü", false)]
    public void ExecutionIdsIsValid_Id_Answers(string id, bool valid) => Assert.That(ExecutionIds.IsValid(id), Is.EqualTo(valid));
}
