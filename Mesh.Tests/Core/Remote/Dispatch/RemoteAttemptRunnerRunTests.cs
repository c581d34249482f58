using System.Text;
using Mesh.Core.Remote.Dispatch;
using Mesh.Core.Tasks;
using Mesh.Core.Tasks.Wire;

namespace Mesh.Tests.Core.Remote.Dispatch;

public sealed class RemoteAttemptRunnerRunTests
{
    [Test]
    public async Task RunAsync_FullRun_StoresOutputRenewsLeaseAndRecordsResult()
    {
        using var harness = new DispatchHarness();
        var (record, attempt) = harness.Start();
        var stored = 0;
        harness.Runner.OutputStored += (_, _) => Interlocked.Increment(ref stored);
        var run = harness.RunAsync(record, attempt);
        var executor = harness.Executor;

        var request = await executor.ReadAsync<RunRequestMessage>();
        var credit = await executor.ReadAsync<OutputCreditMessage>();
        Assert.Multiple(() =>
        {
            Assert.That(request.Attempt, Is.EqualTo(attempt));
            Assert.That(request.Task, Is.EqualTo(record.Id));
            Assert.That(request.Spec.Argv, Is.EqualTo(record.Spec.Argv));
            Assert.That(request.Spec.Resources, Is.EqualTo(record.Spec.Resources));
            Assert.That(request.Lease, Is.EqualTo(TimeSpan.FromSeconds(30)));
            Assert.That(credit.Bytes, Is.EqualTo(1 << 20));
        });
        await executor.SendAsync(new RunAcceptedMessage(attempt, record.Id, harness.Now + TimeSpan.FromSeconds(30)));

        await executor.SendAsync(new OutputChunkMessage(attempt, OutputStreamKind.Stdout, 0, "hello "u8.ToArray()));
        Assert.That((await executor.ReadAsync<OutputCreditMessage>()).Bytes, Is.EqualTo(6));
        await executor.SendAsync(new OutputChunkMessage(attempt, OutputStreamKind.Stdout, 6, "world"u8.ToArray()));
        Assert.That((await executor.ReadAsync<OutputCreditMessage>()).Bytes, Is.EqualTo(5));
        await executor.SendAsync(new OutputChunkMessage(attempt, OutputStreamKind.Stderr, 0, "oops"u8.ToArray()));
        Assert.That((await executor.ReadAsync<OutputCreditMessage>()).Bytes, Is.EqualTo(4));

        var asked = harness.Now + TimeSpan.FromSeconds(20);
        await executor.SendAsync(new LeaseRenewMessage(attempt, asked));
        Assert.That((await executor.ReadAsync<LeaseRenewedMessage>()).Until, Is.EqualTo(asked));
        Assert.That(harness.Store.Get(record.Id)!.LeaseUntil, Is.EqualTo(asked));

        var result = new TaskResult { Reason = TaskEndReason.Exited, ExitCode = 0, Usage = new TaskUsage(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), 4096) };
        await executor.SendResultAsync(attempt, record.Id, result);
        var ack = await executor.ReadAsync<ResultAckMessage>();
        await executor.CloseAsync();
        var outcome = await run;
        var (rest, reset) = await executor.ReadToEndAsync();

        var task = harness.Store.Get(record.Id)!;
        var output = harness.Store.ReadOutput(record.Id);
        Assert.Multiple(() =>
        {
            Assert.That(ack, Is.EqualTo(new ResultAckMessage(attempt, record.Id, true)));
            Assert.That(rest, Is.Empty);
            Assert.That(reset, Is.False);
            Assert.That(outcome, Is.EqualTo(RemoteAttemptOutcome.Completed(CompletionOutcome.Accepted)));
            Assert.That(task.State, Is.EqualTo(TaskState.Succeeded));
            Assert.That(task.ExitCode, Is.EqualTo(0));
            Assert.That(harness.Store.GetResult(record.Id)!.Usage.PeakMemory, Is.EqualTo(4096));
            Assert.That(Text(output, OutputStreamKind.Stdout), Is.EqualTo("hello world"));
            Assert.That(Text(output, OutputStreamKind.Stderr), Is.EqualTo("oops"));
            Assert.That(output.Select(chunk => chunk.Offset), Is.EqualTo(new long[] { 0, 6, 0 }));
            Assert.That(stored, Is.EqualTo(3));
        });
    }

    [Test]
    public async Task RunAsync_NonZeroExit_RecordsFailedWithExitCode()
    {
        using var harness = new DispatchHarness();
        var (record, attempt) = harness.Start();
        var run = harness.RunAsync(record, attempt);
        await harness.Executor.AcceptAsync(harness.Now);

        await harness.Executor.SendResultAsync(attempt, record.Id, new TaskResult { Reason = TaskEndReason.Exited, ExitCode = 3 });
        var ack = await harness.Executor.ReadAsync<ResultAckMessage>();
        await harness.Executor.CloseAsync();
        var outcome = await run;

        var task = harness.Store.Get(record.Id)!;
        Assert.Multiple(() =>
        {
            Assert.That(ack.Accepted, Is.True);
            Assert.That(outcome.Completion, Is.EqualTo(CompletionOutcome.Accepted));
            Assert.That(task.State, Is.EqualTo(TaskState.Failed));
            Assert.That(task.ExitCode, Is.EqualTo(3));
        });
    }

    [Test]
    public async Task RunAsync_InputRequest_SendsContentsInChunksWithLastFlag()
    {
        using var harness = new DispatchHarness();
        var big = new byte[(2 * 256 * 1024) + 100];
        new Random(7).NextBytes(big);
        var bigInput = await harness.AddInputAsync("big.bin", big);
        var emptyInput = await harness.AddInputAsync("empty", []);
        var (record, attempt) = harness.Start(harness.Spec([bigInput, emptyInput]));
        var run = harness.RunAsync(record, attempt);
        await harness.Executor.AcceptAsync(harness.Now);

        await harness.Executor.SendAsync(new InputRequestMessage(attempt, [bigInput.Sha256, emptyInput.Sha256]));
        var chunks = new List<InputDataMessage>();
        do
        {
            chunks.Add(await harness.Executor.ReadAsync<InputDataMessage>());
        }
        while (!chunks[^1].Last);

        var empty = await harness.Executor.ReadAsync<InputDataMessage>();
        await harness.Executor.SendResultAsync(attempt, record.Id, new TaskResult { Reason = TaskEndReason.Exited, ExitCode = 0 });
        await harness.Executor.ReadAsync<ResultAckMessage>();
        await harness.Executor.CloseAsync();
        await run;

        Assert.Multiple(() =>
        {
            Assert.That(chunks.Select(chunk => chunk.Sha256), Has.All.EqualTo(bigInput.Sha256));
            Assert.That(chunks.Select(chunk => chunk.Offset), Is.EqualTo(new long[] { 0, 256 * 1024, 2 * 256 * 1024 }));
            Assert.That(chunks.Select(chunk => chunk.Last), Is.EqualTo(new[] { false, false, true }));
            Assert.That(chunks.Select(chunk => chunk.Data.Length), Has.All.LessThanOrEqualTo(TaskWireLimits.Default.MaxChunkSize));
            Assert.That(chunks.SelectMany(chunk => chunk.Data.ToArray()).ToArray(), Is.EqualTo(big));
            Assert.That(empty.Sha256, Is.EqualTo(emptyInput.Sha256));
            Assert.That(empty.Offset, Is.Zero);
            Assert.That(empty.Data.Length, Is.Zero);
            Assert.That(empty.Last, Is.True);
        });
    }

    [Test]
    public async Task RunAsync_InputMissingFromCache_CompletesAsStartFailedWithoutOpening()
    {
        using var harness = new DispatchHarness();
        var input = new TaskInputFile("gone.txt", new string('a', 64), 3);
        var (record, attempt) = harness.Start(harness.Spec([input]));

        var outcome = await harness.RunAsync(record, attempt);

        var result = harness.Store.GetResult(record.Id)!;
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Kind, Is.EqualTo(RemoteAttemptEnd.Completed));
            Assert.That(outcome.Completion, Is.EqualTo(CompletionOutcome.Accepted));
            Assert.That(result.Reason, Is.EqualTo(TaskEndReason.StartFailed));
            Assert.That(result.Message, Does.Contain("gone.txt"));
            Assert.That(harness.Store.Get(record.Id)!.State, Is.EqualTo(TaskState.Failed));
            Assert.That(harness.Transport.Opened, Is.Empty);
        });
    }

    [Test]
    public async Task RunAsync_Refused_ReturnsReasonAndLeavesStoreUnchanged()
    {
        using var harness = new DispatchHarness();
        var (record, attempt) = harness.Start();
        var run = harness.RunAsync(record, attempt);
        await harness.Executor.ReadAsync<RunRequestMessage>();

        await harness.Executor.SendAsync(new RunRefusedMessage(attempt, record.Id, RunRefusalReason.NoCapacity, "all slots busy"));
        await harness.Executor.CloseAsync();
        var outcome = await run;

        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(RemoteAttemptOutcome.Refused(RunRefusalReason.NoCapacity, "all slots busy")));
            AssertUnchanged(harness, record);
        });
    }

    [Test]
    public async Task RunAsync_PeerUnreachable_ReturnsUnreachableWithItsMessage()
    {
        using var harness = new DispatchHarness();
        harness.Transport.UnreachableBecause = "no route to the peer";
        var (record, attempt) = harness.Start();

        var outcome = await harness.RunAsync(record, attempt);

        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(RemoteAttemptOutcome.Unreachable("no route to the peer")));
            AssertUnchanged(harness, record);
        });
    }

    [Test]
    public async Task RunAsync_NoticeStreamOutput_DroppedAndCreditGrantedBack()
    {
        using var harness = new DispatchHarness();
        var (record, attempt) = harness.Start();
        var run = harness.RunAsync(record, attempt);
        await harness.Executor.AcceptAsync(harness.Now);

        await harness.Executor.SendAsync(new OutputChunkMessage(attempt, OutputStreamKind.Notice, 0, "note"u8.ToArray()));
        var credit = await harness.Executor.ReadAsync<OutputCreditMessage>();
        await harness.Executor.SendResultAsync(attempt, record.Id, new TaskResult { Reason = TaskEndReason.Exited, ExitCode = 0 });
        await RemoteAttemptRunnerFilesTests.ReadUntilAckAsync(harness.Executor);
        var outcome = await run;

        Assert.Multiple(() =>
        {
            Assert.That(credit.Bytes, Is.EqualTo(4));
            Assert.That(harness.Store.ReadOutput(record.Id), Is.Empty);
            Assert.That(outcome.Completion, Is.EqualTo(CompletionOutcome.Accepted));
        });
    }

    private static void AssertUnchanged(DispatchHarness harness, TaskRecord before)
    {
        var after = harness.Store.Get(before.Id)!;
        Assert.That((after.State, after.AttemptId, after.Executor, after.LeaseUntil, after.Attempts), Is.EqualTo((before.State, before.AttemptId, before.Executor, before.LeaseUntil, before.Attempts)));
    }

    private static string Text(IReadOnlyList<OutputChunk> chunks, OutputStreamKind stream) =>
        string.Concat(chunks.Where(chunk => chunk.Stream == stream).Select(chunk => Encoding.UTF8.GetString(chunk.Data)));
}
