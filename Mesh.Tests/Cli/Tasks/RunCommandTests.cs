using Mesh.Cli.Commands;

namespace Mesh.Tests.Cli.Tasks;

/// <summary><c>mesh run</c>: output streamed by stream, the task's exit code, the messages of FIG 10B, Ctrl+C.</summary>
[TestFixture]
[CancelAfter(10_000)]
public sealed class RunCommandTests
{
    private TaskCliHarness _cli = null!;

    [SetUp]
    public void Start() => _cli = new TaskCliHarness();

    [TearDown]
    public async Task Stop() => await _cli.DisposeAsync();

    [TestCase("succeeded", 0, 0)]
    [TestCase("failed", 3, 3)]
    [TestCase("failed", 255, 255)]
    public async Task Run_TaskExits_SameExitCodeNoMessage(string state, int taskExit, int expected)
    {
        Script(state, taskExit, TaskCliHarness.PeerId);

        var exitCode = await _cli.RunAsync("run", "--", "sh", "-c", "exit 3");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(expected));
            Assert.That(_cli.Stderr, Is.Empty);
        });
    }

    [Test]
    public async Task Run_TaskKilled_128PlusSignalAndOneLine()
    {
        var id = Script("failed", 137, TaskCliHarness.PeerId);

        var exitCode = await _cli.RunAsync("run", "--", "sleep", "100");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(137));
            Assert.That(_cli.Stderr, Is.EqualTo($"mesh: task {id()} was killed by signal 9\n"));
        });
    }

    [TestCase("cancelled", null, "was cancelled")]
    [TestCase("lost", null, "was lost: its executors vanished more often than its retries allow")]
    [TestCase("failed", null, "failed without an exit code: it could not start, timed out or hit a limit")]
    public async Task Run_TaskWithoutExitCode_Exit1AndWhy(string state, int? taskExit, string why)
    {
        var id = Script(state, taskExit, TaskCliHarness.PeerId);

        var exitCode = await _cli.RunAsync("run", "--", "x");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(1));
            Assert.That(_cli.Stderr, Is.EqualTo($"mesh: task {id()} {why}\n"));
        });
    }

    [Test]
    public async Task Run_Output_EachChunkToItsStreamInOrderBytesUnchanged()
    {
        byte[] binary = [0, 0xff, 0xc3, 0x28, (byte)'\n'];
        _cli.Tasks.OnSubmit = (_, id) =>
        {
            _cli.Tasks.Start(id, TaskCliHarness.PeerId);
            _cli.Tasks.Append(id, "stdout", "one\n");
            _cli.Tasks.Append(id, "stderr", "two\n");
            _cli.Tasks.Append(id, "stdout", binary);
            _cli.Tasks.Append(id, "stderr", "four\n");
            _cli.Tasks.Finish(id, "succeeded", 0);
            return Task.CompletedTask;
        };

        var exitCode = await _cli.RunAsync("run", "--", "x");

        var writes = _cli.Raw.Writes;
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero, _cli.Stderr);
            Assert.That(writes.Select(w => w.Stream), Is.EqualTo(new[] { "stdout", "stderr", "stdout", "stderr" }));
            Assert.That(_cli.Raw.Bytes("stdout"), Is.EqualTo("one\n"u8.ToArray().Concat(binary)));
            Assert.That(_cli.Raw.Text("stderr"), Is.EqualTo("two\nfour\n"));
            Assert.That(_cli.Stdout, Is.Empty);
        });
    }

    [Test]
    public async Task Run_Notice_ToStderrPrefixed()
    {
        _cli.Tasks.OnSubmit = (_, id) =>
        {
            _cli.Tasks.Append(id, "notice", "output truncated after 64 MiB\n");
            _cli.Tasks.Finish(id, "succeeded", 0, TaskCliHarness.PeerId);
            return Task.CompletedTask;
        };

        await _cli.RunAsync("run", "--", "x");

        Assert.Multiple(() =>
        {
            Assert.That(_cli.Stderr, Is.EqualTo("mesh: output truncated after 64 MiB\n"));
            Assert.That(_cli.Raw.Writes, Is.Empty);
        });
    }

    [Test]
    public async Task Run_LiveOutput_StreamedBeforeTheTaskEnds()
    {
        string? taskId = null;
        _cli.Tasks.OnSubmit = (_, id) =>
        {
            taskId = id;
            _cli.Tasks.Start(id, TaskCliHarness.PeerId);
            _cli.Tasks.Append(id, "stdout", "working\n");
            return Task.CompletedTask;
        };

        var running = _cli.RunAsync("run", "--", "x");
        await _cli.Raw.WaitForAsync("stdout", "working\n");
        Assert.That(running.IsCompleted, Is.False);
        _cli.Tasks.Append(taskId!, "stdout", "done\n");
        _cli.Tasks.Finish(taskId!, "succeeded", 0);
        var exitCode = await running;

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero);
            Assert.That(_cli.Raw.Text("stdout"), Is.EqualTo("working\ndone\n"));
        });
    }

    [Test]
    public async Task Run_PlacementAnyEndedOnThisNode_SaysItRanHere()
    {
        Script("succeeded", 0, TaskCliHarness.SelfId);

        var exitCode = await _cli.RunAsync("run", "--", "x");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero);
            Assert.That(_cli.Stderr, Is.EqualTo($"mesh: {RunCommand.RanLocally}\n"));
        });
    }

    [Test]
    public async Task Run_LocalAskedFor_NoRemark()
    {
        Script("succeeded", 0, TaskCliHarness.SelfId);

        await _cli.RunAsync("run", "--local", "--", "x");

        Assert.That(_cli.Stderr, Is.Empty);
    }

    [Test]
    public async Task Run_RanOnAPeer_NoRemark()
    {
        Script("succeeded", 0, TaskCliHarness.PeerId);

        await _cli.RunAsync("run", "--", "x");

        Assert.That(_cli.Stderr, Is.Empty);
    }

    [Test]
    public async Task Run_NodeRefusesRemotePlacement_ItsMessageExit1()
    {
        _cli.Tasks.RefuseWith = "no peer can take it: every peer refuses tasks from 12D3KooWFakeNodeOrigin (use --local or drop --remote-only)";

        var exitCode = await _cli.RunAsync("run", "--remote-only", "--", "x");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(1));
            Assert.That(_cli.Stderr, Is.EqualTo($"mesh: {_cli.Tasks.RefuseWith}\n"));
        });
    }

    [Test]
    public async Task Run_CtrlC_CancelsTheTaskAtTheNodeAndExits130()
    {
        string? taskId = null;
        _cli.Tasks.OnSubmit = (_, id) =>
        {
            taskId = id;
            _cli.Tasks.Start(id, TaskCliHarness.PeerId);
            _cli.Tasks.Append(id, "stdout", "started\n");
            return Task.CompletedTask;
        };
        using var ctrlC = new CancellationTokenSource();

        var running = _cli.RunAsync(ctrlC.Token, "run", "--", "sleep", "1000");
        await _cli.Raw.WaitForAsync("stdout", "started\n");
        await ctrlC.CancelAsync();
        var exitCode = await running;

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(130));
            Assert.That(_cli.Tasks.CancelRequests, Is.EqualTo(new[] { taskId }));
            Assert.That(_cli.Tasks.Get(taskId!)!.State, Is.EqualTo("cancelled"));
            Assert.That(_cli.Stderr, Is.EqualTo($"mesh: cancelled task {taskId}\n"));
        });
    }

    [Test]
    public async Task Run_NodeGoneAfterSubmit_MessageSaysTheTaskGoesOn()
    {
        _cli.Tasks.OnSubmit = (_, id) =>
        {
            // Forget the task between the submission and the output request: the node answers 404 from then on.
            _cli.Tasks.Forget(id);
            return Task.CompletedTask;
        };

        var exitCode = await _cli.RunAsync("run", "--", "x");

        var id = _cli.Tasks.Submitted.Count == 1 ? _cli.Stderr.Split(' ')[3] : "";
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(1));
            Assert.That(_cli.Stderr, Is.EqualTo($"mesh: no task {id} at this node (task {id} goes on: see `mesh status {id}` and `mesh logs -f {id}`)\n"));
        });
    }

    private Func<string> Script(string state, int? exitCode, string executor)
    {
        string? taskId = null;
        _cli.Tasks.OnSubmit = (_, id) =>
        {
            taskId = id;
            _cli.Tasks.Start(id, executor);
            _cli.Tasks.Finish(id, state, exitCode);
            return Task.CompletedTask;
        };
        return () => taskId!;
    }
}
