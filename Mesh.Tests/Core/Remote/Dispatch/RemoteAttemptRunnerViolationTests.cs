using Mesh.Core.Remote.Dispatch;
using Mesh.Core.Tasks;
using Mesh.Core.Tasks.Wire;

namespace Mesh.Tests.Core.Remote.Dispatch;

public sealed class RemoteAttemptRunnerViolationTests
{
    private static readonly TaskResult Exited = new() { Reason = TaskEndReason.Exited, ExitCode = 0 };

    [Test]
    public async Task RunAsync_OutputPastCredit_BrokenAndLeaseShortened()
    {
        var (outcome, harness, record) = await MisbehaveAsync(
            (executor, attempt, _) => executor.SendAsync(new OutputChunkMessage(attempt, OutputStreamKind.Stdout, 0, new byte[2000])),
            options => options.InitialCredit = 1024);
        using (harness)
        {
            Assert.Multiple(() =>
            {
                Assert.That(outcome.Kind, Is.EqualTo(RemoteAttemptEnd.Broken));
                Assert.That(outcome.Message, Does.Contain("credit"));
                Assert.That(harness.Store.Get(record.Id)!.LeaseUntil, Is.EqualTo(harness.Now + new RemoteAttemptOptions().ResumeGrace));
                Assert.That(harness.Store.ReadOutput(record.Id), Is.Empty);
                Assert.That(harness.Transport.OriginEnd.Aborted, Is.True);
            });
        }
    }

    [Test]
    public async Task RunAsync_OutputWithGap_Broken()
    {
        var (outcome, harness, _) = await MisbehaveAsync(
            (executor, attempt, _) => executor.SendAsync(new OutputChunkMessage(attempt, OutputStreamKind.Stdout, 10, "late"u8.ToArray())));
        using (harness)
        {
            Assert.That(outcome.Kind, Is.EqualTo(RemoteAttemptEnd.Broken));
            Assert.That(outcome.Message, Does.Contain("offset 10"));
        }
    }

    [Test]
    public async Task RunAsync_ResultForAnotherAttempt_BrokenAndNothingRecorded()
    {
        var (outcome, harness, record) = await MisbehaveAsync(
            (executor, _, task) => executor.SendResultAsync(AttemptId.New(), task, Exited));
        using (harness)
        {
            Assert.Multiple(() =>
            {
                Assert.That(outcome.Kind, Is.EqualTo(RemoteAttemptEnd.Broken));
                Assert.That(harness.Store.Get(record.Id)!.State, Is.EqualTo(TaskState.Running));
                Assert.That(harness.Store.GetResult(record.Id), Is.Null);
            });
        }
    }

    [Test]
    public async Task RunAsync_ResultForAnotherTask_Broken()
    {
        var (outcome, harness, _) = await MisbehaveAsync(
            (executor, attempt, _) => executor.SendResultAsync(attempt, new TaskId(1, 2), Exited));
        using (harness)
        {
            Assert.That(outcome.Kind, Is.EqualTo(RemoteAttemptEnd.Broken));
        }
    }

    [Test]
    public async Task RunAsync_OutputBeforeAcceptance_Broken()
    {
        var (outcome, harness, _) = await MisbehaveAsync(
            async (executor, attempt, _) =>
            {
                await executor.ReadAsync<RunRequestMessage>();
                await executor.SendAsync(new OutputChunkMessage(attempt, OutputStreamKind.Stdout, 0, "x"u8.ToArray()));
            },
            accept: false);
        using (harness)
        {
            Assert.That(outcome.Kind, Is.EqualTo(RemoteAttemptEnd.Broken));
        }
    }

    [Test]
    public async Task RunAsync_OriginMessageFromExecutor_Broken()
    {
        var (outcome, harness, _) = await MisbehaveAsync(
            (executor, attempt, _) => executor.SendAsync(new OutputCreditMessage(attempt, 100)));
        using (harness)
        {
            Assert.That(outcome.Kind, Is.EqualTo(RemoteAttemptEnd.Broken));
        }
    }

    [Test]
    public async Task RunAsync_InputRequestForShaNotInSpec_Broken()
    {
        var (outcome, harness, _) = await MisbehaveAsync(
            (executor, attempt, _) => executor.SendAsync(new InputRequestMessage(attempt, [new string('b', 64)])));
        using (harness)
        {
            Assert.That(outcome.Kind, Is.EqualTo(RemoteAttemptEnd.Broken));
            Assert.That(outcome.Message, Does.Contain("not an input"));
        }
    }

    [Test]
    public async Task RunAsync_SecondInputRequest_Broken()
    {
        var (outcome, harness, _) = await MisbehaveAsync(
            async (executor, attempt, _) =>
            {
                await executor.SendAsync(new InputRequestMessage(attempt, []));
                await executor.SendAsync(new InputRequestMessage(attempt, []));
            });
        using (harness)
        {
            Assert.That(outcome.Kind, Is.EqualTo(RemoteAttemptEnd.Broken));
        }
    }

    [TestCase("other.txt", 0, 1, TestName = "RunAsync_FileDataForNameNotDue_Broken")]
    [TestCase("f.txt", 1, 1, TestName = "RunAsync_FileDataSkippingOffset_Broken")]
    [TestCase("f.txt", 0, 5, TestName = "RunAsync_FileDataPastDeclaredSize_Broken")]
    public async Task RunAsync_BadFileData_Broken(string name, long offset, int length)
    {
        var (outcome, harness, record) = await MisbehaveAsync(
            async (executor, attempt, task) =>
            {
                await executor.SendResultAsync(attempt, task, Exited with { Outputs = [DispatchHarness.FileOf("f.txt", "abc"u8.ToArray())] });
                await executor.SendAsync(new OutputFileDataMessage(attempt, name, offset, new byte[length], true));
            });
        using (harness)
        {
            Assert.Multiple(() =>
            {
                Assert.That(outcome.Kind, Is.EqualTo(RemoteAttemptEnd.Broken));
                Assert.That(harness.Store.GetResult(record.Id), Is.Null);
                Assert.That(Directory.Exists(harness.OutputDirectory) ? Directory.GetFiles(harness.OutputDirectory, "*", SearchOption.AllDirectories) : [], Is.Empty);
            });
        }
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    public async Task RunAsync_GarbageBytes_BrokenWithoutException(int seed)
    {
        var garbage = new byte[64];
        new Random(seed).NextBytes(garbage);
        garbage[0] = 40;
        var (outcome, harness, _) = await MisbehaveAsync((executor, _, _) => executor.SendRawAsync(garbage));
        using (harness)
        {
            Assert.That(outcome.Kind, Is.EqualTo(RemoteAttemptEnd.Broken));
        }
    }

    [Test]
    public async Task RunAsync_GarbageInsteadOfAcceptance_BrokenWithoutException()
    {
        var (outcome, harness, _) = await MisbehaveAsync(
            async (executor, _, _) =>
            {
                await executor.ReadAsync<RunRequestMessage>();
                await executor.SendRawAsync([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]);
            },
            accept: false);
        using (harness)
        {
            Assert.That(outcome.Kind, Is.EqualTo(RemoteAttemptEnd.Broken));
        }
    }

    private static async Task<(RemoteAttemptOutcome Outcome, DispatchHarness Harness, TaskRecord Record)> MisbehaveAsync(
        Func<ExecutorSide, AttemptId, TaskId, Task> misbehave, Action<RemoteAttemptOptions>? configure = null, bool accept = true)
    {
        var harness = new DispatchHarness(configure);
        var (record, attempt) = harness.Start();
        var run = harness.RunAsync(record, attempt);
        if (accept)
        {
            await harness.Executor.AcceptAsync(harness.Now);
        }

        await misbehave(harness.Executor, attempt, record.Id);
        var outcome = await run.WaitAsync(TimeSpan.FromSeconds(10));
        return (outcome, harness, record);
    }
}
