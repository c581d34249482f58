namespace Mesh.Tests.Cli.Tasks;

/// <summary><c>mesh logs</c>, <c>mesh wait</c> and <c>mesh cancel</c>.</summary>
[TestFixture]
[CancelAfter(10_000)]
public sealed class TaskControlCommandTests
{
    private const string Unknown = "01jdq3v8k2x4c9n7m5r0t6w8yz";
    private TaskCliHarness _cli = null!;

    [SetUp]
    public void Start() => _cli = new TaskCliHarness();

    [TearDown]
    public async Task Stop() => await _cli.DisposeAsync();

    [Test]
    public async Task Logs_Task_RawBytesByStreamNoticesAsMessages()
    {
        var id = await SubmitAsync();
        _cli.Tasks.Append(id, "stdout", "out\n");
        _cli.Tasks.Append(id, "stderr", [0xde, 0xad]);
        _cli.Tasks.Append(id, "notice", "output truncated");

        var exitCode = await _cli.RunAsync("logs", id);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero, _cli.Stderr);
            Assert.That(_cli.Raw.Text("stdout"), Is.EqualTo("out\n"));
            Assert.That(_cli.Raw.Bytes("stderr"), Is.EqualTo(new byte[] { 0xde, 0xad }));
            Assert.That(_cli.Stderr, Is.EqualTo("mesh: output truncated\n"));
        });
    }

    [Test]
    public async Task Logs_WithoutFollow_EndsAtWhatIsThereWhileTheTaskRuns()
    {
        var id = await SubmitAsync();
        _cli.Tasks.Start(id, TaskCliHarness.PeerId);
        _cli.Tasks.Append(id, "stdout", "so far\n");

        var exitCode = await _cli.RunAsync("logs", id);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero, _cli.Stderr);
            Assert.That(_cli.Raw.Text("stdout"), Is.EqualTo("so far\n"));
        });
    }

    [Test]
    public async Task LogsFollow_RunningTask_UntilItEnds()
    {
        var id = await SubmitAsync();
        _cli.Tasks.Start(id, TaskCliHarness.PeerId);
        _cli.Tasks.Append(id, "stdout", "a\n");

        var following = _cli.RunAsync("logs", "-f", id);
        await _cli.Raw.WaitForAsync("stdout", "a\n");
        Assert.That(following.IsCompleted, Is.False);
        _cli.Tasks.Append(id, "stdout", "b\n");
        _cli.Tasks.Finish(id, "succeeded", 0);
        var exitCode = await following;

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero, _cli.Stderr);
            Assert.That(_cli.Raw.Text("stdout"), Is.EqualTo("a\nb\n"));
        });
    }

    [Test]
    public async Task Logs_UnknownTask_Exit1()
    {
        var exitCode = await _cli.RunAsync("logs", Unknown);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(1));
            Assert.That(_cli.Stderr, Is.EqualTo($"mesh: no task {Unknown} at this node\n"));
        });
    }

    [Test]
    public async Task Wait_AllSucceeded_LinesAndExit0()
    {
        var first = await SubmitAsync();
        var second = await SubmitAsync();
        _cli.Tasks.Finish(first, "succeeded", 0);
        _cli.Tasks.Finish(second, "succeeded", 0);

        var exitCode = await _cli.RunAsync("wait", first, second);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero, _cli.Stderr);
            Assert.That(_cli.Stdout, Is.EqualTo($"{first} succeeded 0\n{second} succeeded 0\n"));
        });
    }

    [Test]
    public async Task Wait_OneFailed_Exit1AfterWaitingForAll()
    {
        var failed = await SubmitAsync();
        var cancelled = await SubmitAsync();
        var later = await SubmitAsync();
        _cli.Tasks.Finish(failed, "failed", 3);
        _cli.Tasks.Finish(cancelled, "cancelled", null);

        var waiting = _cli.RunAsync("wait", failed, cancelled, later);
        Assert.That(waiting.IsCompleted, Is.False);
        _cli.Tasks.Finish(later, "succeeded", 0);
        var exitCode = await waiting;

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(1));
            Assert.That(_cli.Stdout, Is.EqualTo($"{failed} failed 3\n{cancelled} cancelled -\n{later} succeeded 0\n"));
        });
    }

    [Test]
    public async Task Wait_UnknownAmongKnown_MessageAndExit1()
    {
        var known = await SubmitAsync();
        _cli.Tasks.Finish(known, "succeeded", 0);

        var exitCode = await _cli.RunAsync("wait", Unknown, known);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(1));
            Assert.That(_cli.Stdout, Is.EqualTo($"{known} succeeded 0\n"));
            Assert.That(_cli.Stderr, Is.EqualTo($"mesh: no task {Unknown} at this node\n"));
        });
    }

    [Test]
    public async Task Wait_CtrlC_Exit130()
    {
        var id = await SubmitAsync();
        using var ctrlC = new CancellationTokenSource();

        var waiting = _cli.RunAsync(ctrlC.Token, "wait", id);
        await ctrlC.CancelAsync();
        var exitCode = await waiting;

        Assert.That(exitCode, Is.EqualTo(130));
    }

    [Test]
    public async Task Cancel_Tasks_EachCancelledAtTheNode()
    {
        var first = await SubmitAsync();
        var done = await SubmitAsync();
        _cli.Tasks.Finish(done, "succeeded", 0);

        var exitCode = await _cli.RunAsync("cancel", first, done);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero, _cli.Stderr);
            Assert.That(_cli.Stdout, Is.EqualTo($"{first} cancelled\n{done} succeeded\n"));
            Assert.That(_cli.Tasks.CancelRequests, Is.EqualTo(new[] { first, done }));
        });
    }

    [Test]
    public async Task Cancel_Unknown_MessageAndExit1()
    {
        var exitCode = await _cli.RunAsync("cancel", Unknown);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(1));
            Assert.That(_cli.Stderr, Is.EqualTo($"mesh: no task {Unknown} at this node\n"));
        });
    }

    [TestCase("wait")]
    [TestCase("cancel")]
    [TestCase("logs")]
    public async Task Command_NoTaskGiven_UsageError(string command)
    {
        var exitCode = await _cli.RunAsync(command);

        Assert.That(exitCode, Is.EqualTo(2));
    }

    private async Task<string> SubmitAsync() => (await _cli.Tasks.SubmitAsync(new Mesh.Core.Control.SubmitTaskRequest { Argv = ["x"] })).Ids[0];
}
