using Mesh.Core.Execution;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mesh.Tests.Core.Execution;

/// <summary>Option validation and the isolation report of this machine.</summary>
[TestFixture]
public sealed class LocalExecutorOptionsTests
{
    [Test]
    public void Validate_Defaults_WithWorkRoot_Pass() => Assert.That(() => new LocalExecutorOptions { WorkRoot = "/tmp/x" }.Validate(), Throws.Nothing);

    [Test]
    public void Validate_RelativeWorkRoot_ThrowsNamingIt() =>
        Assert.That(() => new LocalExecutorOptions { WorkRoot = "work" }.Validate(), Throws.ArgumentException.With.Message.Contains("WorkRoot"));

    [Test]
    public void Validate_NiceOutOfRange_ThrowsNamingIt() =>
        Assert.That(() => new LocalExecutorOptions { WorkRoot = "/w", NiceLevel = 20 }.Validate(), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("NiceLevel"));

    [Test]
    public void Validate_CgroupNameWithSlash_Throws() =>
        Assert.That(() => new LocalExecutorOptions { WorkRoot = "/w", CgroupName = "../x" }.Validate(), Throws.ArgumentException.With.Message.Contains("CgroupName"));

    [Test]
    public void Validate_TinyChunk_Throws() =>
        Assert.That(() => new LocalExecutorOptions { WorkRoot = "/w", OutputChunkBytes = 10 }.Validate(), Throws.InstanceOf<ArgumentOutOfRangeException>());

    [Test]
    public void Constructor_ThisMachine_ReportsWhatItEnforces()
    {
        using var harness = new ExecutorHarness(bubblewrap: true, configure: o => o.CgroupName = "mesh-tasks-report");
        var report = harness.Executor.Isolation;
        TestContext.Out.WriteLine("Enforced:\n  " + string.Join("\n  ", report.Enforced));
        TestContext.Out.WriteLine("Missing:\n  " + string.Join("\n  ", report.Missing));
        TestContext.Out.WriteLine($"RunAsUser: {report.RunAsUser}; CanRunTasks: {report.CanRunTasks}");

        Assert.That(report.Enforced, Has.Some.Contains("working directory"));
        Assert.That(report.Enforced.Concat(report.Missing), Has.Some.Contains("cgroup"));
        Assert.That(report.Enforced, Has.Some.Contains("nice 10"));
    }

    [Test]
    public void Constructor_NullLogger_Throws() =>
        Assert.That(() => new LocalExecutor(new LocalExecutorOptions { WorkRoot = "/tmp/x" }, TimeProvider.System, null!), Throws.ArgumentNullException);

    [Test]
    public void Constructor_BadOptions_Throws() =>
        Assert.That(() => new LocalExecutor(new LocalExecutorOptions(), TimeProvider.System, NullLogger<LocalExecutor>.Instance), Throws.ArgumentException);
}
