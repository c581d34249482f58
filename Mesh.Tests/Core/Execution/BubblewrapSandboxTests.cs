namespace Mesh.Tests.Core.Execution;

/// <summary>The bubblewrap sandbox, when bwrap is installed (CI installs Debian's bubblewrap).</summary>
[TestFixture]
public sealed class BubblewrapSandboxTests
{
    private ExecutorHarness _harness = null!;

    [SetUp]
    public void CreateHarness() => _harness = ExecutorHarness.SandboxedOrIgnore("bwrap is not installed (apt-get install bubblewrap).");

    [TearDown]
    public void DisposeHarness() => _harness?.Dispose();

    [Test]
    public async Task Execute_WriteToUsr_IsRefused()
    {
        var output = new CollectingOutput();

        var result = await _harness.RunAsync(ExecutorHarness.Request("sh", "-c", "touch /usr/mesh-sandbox-test && echo wrote") with { Output = output });

        Assert.That(result.ExitCode, Is.Not.Zero);
        Assert.That(output.Text(), Does.Not.Contain("wrote"));
        Assert.That(File.Exists("/usr/mesh-sandbox-test"), Is.False);
    }

    [Test]
    public async Task Execute_WorkingDirectory_IsWritable()
    {
        var result = await _harness.RunAsync(ExecutorHarness.Request("sh", "-c", "echo hi > out.txt"));

        Assert.That(result.ExitCode, Is.Zero);
        Assert.That(File.ReadAllText(Path.Combine(result.WorkingDirectory!, "out.txt")), Is.EqualTo("hi\n"));
    }

    [Test]
    public async Task Execute_AnotherTasksDirectory_IsNotVisible()
    {
        var first = await _harness.RunAsync(ExecutorHarness.Request("sh", "-c", "echo secret > s"));
        var output = new CollectingOutput();

        var second = await _harness.RunAsync(ExecutorHarness.Request("cat", Path.Combine(first.WorkingDirectory!, "s")) with { Output = output });

        Assert.That(second.ExitCode, Is.Not.Zero);
        Assert.That(output.Text(), Does.Not.Contain("secret"));
    }

    [Test]
    public async Task Execute_NetworkNotAllowed_SeesOnlyLoopback()
    {
        var output = new CollectingOutput();

        await _harness.RunAsync(ExecutorHarness.Request("cat", "/proc/net/dev") with { Output = output });

        Assert.That(Interfaces(output.Text()), Is.EqualTo(new[] { "lo" }));
    }

    [Test]
    public async Task Execute_NetworkAllowed_SeesTheHostInterfaces()
    {
        var output = new CollectingOutput();

        await _harness.RunAsync(ExecutorHarness.Request("cat", "/proc/net/dev") with { Output = output, AllowNetwork = true });

        Assert.That(Interfaces(output.Text()), Is.EquivalentTo(Interfaces(File.ReadAllText("/proc/net/dev"))));
    }

    [Test]
    public async Task Execute_TmpOfTheHost_IsNotShared()
    {
        var marker = Path.Combine("/tmp", $"mesh-sandbox-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(marker, "host");
        try
        {
            var result = await _harness.RunAsync(ExecutorHarness.Request("cat", marker));

            Assert.That(result.ExitCode, Is.Not.Zero);
        }
        finally
        {
            File.Delete(marker);
        }
    }

    private static string[] Interfaces(string procNetDev) =>
        [.. procNetDev.Split('\n').Skip(2).Where(l => l.Contains(':', StringComparison.Ordinal)).Select(l => l[..l.IndexOf(':', StringComparison.Ordinal)].Trim())];
}
