using System.Text;
using Mesh.Core.Execution;

using OutputStreamKind = Mesh.Core.Tasks.OutputStreamKind;

namespace Mesh.Tests.Core.Execution;

/// <summary>Real processes through the executor: argv, environment, exit codes, signals, output and start failures.</summary>
[TestFixture]
public sealed class LocalExecutorBasicsTests
{
    private ExecutorHarness _harness = null!;

    [SetUp]
    public void CreateHarness() => _harness = new ExecutorHarness();

    [TearDown]
    public void DisposeHarness() => _harness.Dispose();

    [Test]
    public async Task Execute_ArgvWithSpacesQuotesAndUnicode_ReachesTheProgramUnchanged()
    {
        string[] args = ["a b", "'single'", "\"double\"", "ünï 😀", "$HOME", "*", "; rm -rf /", ""];
        var output = new CollectingOutput();

        var result = await _harness.RunAsync(ExecutorHarness.Request(["printf", "[%s]\\n", .. args]) with { Output = output });

        Assert.That(result.Outcome, Is.EqualTo(ExecutionOutcome.Exited));
        Assert.That(result.ExitCode, Is.Zero);
        Assert.That(output.Text(), Is.EqualTo(string.Concat(args.Select(a => $"[{a}]\n"))));
    }

    [Test]
    public async Task Execute_VariableOfTheNode_IsNotInheritedButGivenOnesAre()
    {
        Environment.SetEnvironmentVariable("MESH_EXEC_TEST_SECRET", "leaked");
        var output = new CollectingOutput();
        var request = ExecutorHarness.Request("sh", "-c", "echo \"[$MESH_EXEC_TEST_SECRET][$GIVEN][$LANG]\"") with
        {
            Environment = new Dictionary<string, string> { ["GIVEN"] = "yes" },
            Output = output,
        };

        await _harness.RunAsync(request);

        Assert.That(output.Text(), Is.EqualTo("[][yes][C.UTF-8]\n"));
    }

    [Test]
    public async Task Execute_ProgramExitsWithCode_ReportsTheCode()
    {
        var result = await _harness.RunAsync(ExecutorHarness.Request("sh", "-c", "exit 7"));

        Assert.That(result.Outcome, Is.EqualTo(ExecutionOutcome.Exited));
        Assert.That(result.ExitCode, Is.EqualTo(7));
        Assert.That(result.Signal, Is.Null);
    }

    [Test]
    public async Task Execute_ProgramKilledBySignal_ReportsTheSignal()
    {
        var result = await _harness.RunAsync(ExecutorHarness.Request("sh", "-c", "kill -KILL $$"));

        Assert.That(result.Outcome, Is.EqualTo(ExecutionOutcome.Exited));
        Assert.That(result.Signal, Is.EqualTo(9));
    }

    [Test]
    public async Task Execute_StdoutAndStderr_ArriveSeparatelyWithOffsets()
    {
        var output = new CollectingOutput();

        var result = await _harness.RunAsync(ExecutorHarness.Request("sh", "-c", "printf out1; printf err >&2; printf out2") with { Output = output });

        Assert.That(output.Text(OutputStreamKind.Stdout), Is.EqualTo("out1out2"));
        Assert.That(output.Text(OutputStreamKind.Stderr), Is.EqualTo("err"));
        Assert.That(result.StdoutBytes, Is.EqualTo(8));
        Assert.That(result.StderrBytes, Is.EqualTo(3));
        var stdout = output.Chunks.Where(c => c.Stream == OutputStreamKind.Stdout).ToList();
        Assert.That(stdout.Select(c => c.Offset), Is.EqualTo(stdout.Select(c => c.Offset).Order()));
    }

    [Test]
    public async Task Execute_LargeOutput_ArrivesWhole()
    {
        var output = new CollectingOutput();

        await _harness.RunAsync(ExecutorHarness.Request("head", "-c", "3000000", "/dev/zero") with { Output = output });

        Assert.That(output.Bytes(OutputStreamKind.Stdout), Has.Length.EqualTo(3_000_000));
    }

    [Test]
    public async Task Execute_SinkHoldsBack_TaskWaitsForItInsteadOfBuffering()
    {
        var output = new CollectingOutput(hold: true);
        var request = ExecutorHarness.Request("sh", "-c", "head -c 2000000 /dev/zero; touch done") with { Output = output };

        var run = _harness.RunAsync(request);
        await output.FirstChunk.WaitAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(300);
        var workDir = Path.Combine(_harness.Options.WorkRoot, request.TaskId, request.AttemptId);
        var finishedWhileHeld = File.Exists(Path.Combine(workDir, "done"));
        output.Release();
        var result = await run;

        Assert.That(finishedWhileHeld, Is.False, "the task ran to its end while the sink held its output: output was buffered");
        Assert.That(result.StdoutBytes, Is.EqualTo(2_000_000));
        Assert.That(File.Exists(Path.Combine(workDir, "done")), Is.True);
    }

    [Test]
    public async Task Execute_MissingProgram_FailsToStartWithReason()
    {
        var result = await _harness.RunAsync(ExecutorHarness.Request("no-such-program-mesh-test"));

        Assert.That(result.Outcome, Is.EqualTo(ExecutionOutcome.FailedToStart));
        Assert.That(result.FailureReason, Does.Contain("no-such-program-mesh-test"));
        Assert.That(result.ExitCode, Is.Null);
    }

    [Test]
    public void Execute_EmptyArgv_Throws()
    {
        Assert.That(() => _harness.RunAsync(ExecutorHarness.Request()), Throws.ArgumentException);
    }

    [Test]
    public void Execute_IdWithSlash_Throws()
    {
        Assert.That(() => _harness.RunAsync(ExecutorHarness.Request("true") with { TaskId = "../x" }), Throws.ArgumentException);
    }

    [Test]
    public async Task Execute_WorkingDirectory_IsPrivateAndTheCurrentDirectory()
    {
        var output = new CollectingOutput();

        var result = await _harness.RunAsync(ExecutorHarness.Request("sh", "-c", "pwd; echo x > file") with { Output = output });

        Assert.That(output.Text().TrimEnd(), Is.EqualTo(result.WorkingDirectory));
        Assert.That(File.GetUnixFileMode(result.WorkingDirectory!), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute));
        Assert.That(File.ReadAllText(Path.Combine(result.WorkingDirectory!, "file")), Is.EqualTo("x\n"));
    }

    [Test]
    public async Task Execute_NodeIsRoot_TaskRunsUnprivileged()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            Assert.Ignore("The test process is not root: tasks run as its own user.");
        }

        var output = new CollectingOutput();

        await _harness.RunAsync(ExecutorHarness.Request("id", "-u") with { Output = output });

        Assert.That(int.Parse(output.Text().Trim(), System.Globalization.CultureInfo.InvariantCulture), Is.Not.Zero);
        Assert.That(_harness.Executor.Isolation.RunAsUser, Does.StartWith("nobody"));
    }

    [Test]
    public async Task Execute_RunAsUserMissingAsRoot_RefusesInsteadOfRunningAsRoot()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            Assert.Ignore("The test process is not root: no user switch happens.");
        }

        using var harness = new ExecutorHarness(configure: o => o.RunAsUser = "mesh-no-such-user");

        var result = await harness.RunAsync(ExecutorHarness.Request("true"));

        Assert.That(harness.Executor.Isolation.CanRunTasks, Is.False);
        Assert.That(result.Outcome, Is.EqualTo(ExecutionOutcome.FailedToStart));
        Assert.That(Encoding.UTF8.GetByteCount(result.FailureReason!), Is.GreaterThan(0));
    }
}
