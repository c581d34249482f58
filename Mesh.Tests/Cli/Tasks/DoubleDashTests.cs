namespace Mesh.Tests.Cli.Tasks;

/// <summary>Everything after <c>--</c> is the task's argv, exactly; without <c>--</c> nothing is submitted.</summary>
[TestFixture]
[CancelAfter(10_000)]
public sealed class DoubleDashTests
{
    private TaskCliHarness _cli = null!;

    [SetUp]
    public void Start() => _cli = new TaskCliHarness();

    [TearDown]
    public async Task Stop() => await _cli.DisposeAsync();

    [Test]
    public async Task Submit_ArgvWithDashesSpacesUnicode_KeptExactly()
    {
        string[] argv = ["python3", "-c", "print('a  b')", "--cpu", "4", "-", "--", "  spaced  ", "ünï cödé ✓ 日本", "", "--node", "-h", "{}", "$HOME", "a\"b'c\\d", "@response.rsp", "[diagram]"];

        var exitCode = await _cli.RunAsync(["submit", "--cpu", "1", "--", .. argv]);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero, _cli.Stderr);
            Assert.That(_cli.LastRequest.Argv, Is.EqualTo(argv));
            Assert.That(_cli.LastRequest.Cpu, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Run_ArgvAfterDoubleDash_ReachesTheNodeExactly()
    {
        string[] argv = ["sh", "-c", "echo \"$1\"", "sh", "--help", "é"];
        _cli.Tasks.OnSubmit = (_, id) =>
        {
            _cli.Tasks.Finish(id, "succeeded", 0, TaskCliHarness.PeerId);
            return Task.CompletedTask;
        };

        var exitCode = await _cli.RunAsync(["run", "--", .. argv]);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero, _cli.Stderr);
            Assert.That(_cli.LastRequest.Argv, Is.EqualTo(argv));
        });
    }

    [TestCase("submit")]
    [TestCase("run")]
    public async Task Command_WithoutDoubleDash_UsageError(string command)
    {
        var exitCode = await _cli.RunAsync(command, "--cpu", "2", "make", "all");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(2));
            Assert.That(_cli.Stderr, Does.StartWith("mesh: put the command after --"));
            Assert.That(_cli.Tasks.Submitted, Is.Empty);
        });
    }

    [Test]
    public async Task Submit_PartlyBeforeDoubleDash_UsageError()
    {
        var exitCode = await _cli.RunAsync("submit", "make", "--", "all");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(2));
            Assert.That(_cli.Tasks.Submitted, Is.Empty);
        });
    }

    [Test]
    public async Task Submit_NothingAfterDoubleDash_UsageError()
    {
        var exitCode = await _cli.RunAsync("submit", "--cpu", "1", "--");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(2));
            Assert.That(_cli.Tasks.Submitted, Is.Empty);
        });
    }
}
