using Mesh.Core.Remote.Dispatch;
using Mesh.Core.Tasks;
using Mesh.Core.Tasks.Wire;

namespace Mesh.Tests.Core.Remote.Dispatch;

/// <summary>Attempts that end other than by a plain result: cancelled, lease lost, broken, silent.</summary>
public sealed class RemoteAttemptRunnerEndTests
{
    [Test]
    public async Task RunAsync_Killed_SendsCancelAndAcksTheLateResultAsRefused()
    {
        using var harness = new DispatchHarness();
        var (record, attempt) = harness.Start();
        using var kill = new CancellationTokenSource();
        var run = harness.RunAsync(record, attempt, kill.Token);
        await harness.Executor.AcceptAsync(harness.Now);

        harness.Store.Cancel(record.Id);
        await kill.CancelAsync();
        var cancel = await harness.Executor.ReadAsync<CancelMessage>();
        await harness.Executor.SendResultAsync(attempt, record.Id, new TaskResult { Reason = TaskEndReason.Cancelled, Signal = 9 });
        var ack = await harness.Executor.ReadAsync<ResultAckMessage>();
        await harness.Executor.CloseAsync();
        var outcome = await run;

        Assert.Multiple(() =>
        {
            Assert.That(cancel.Attempt, Is.EqualTo(attempt));
            Assert.That(ack.Accepted, Is.False);
            Assert.That(outcome.Kind, Is.EqualTo(RemoteAttemptEnd.Completed));
            Assert.That(outcome.Completion, Is.EqualTo(CompletionOutcome.Duplicate));
            Assert.That(harness.Store.Get(record.Id)!.State, Is.EqualTo(TaskState.Cancelled));
        });
    }

    [Test]
    public async Task RunAsync_KilledAndNoResultWithinGrace_Broken()
    {
        using var harness = new DispatchHarness();
        var (record, attempt) = harness.Start();
        using var kill = new CancellationTokenSource();
        var run = harness.RunAsync(record, attempt, kill.Token);
        await harness.Executor.AcceptAsync(harness.Now);

        await kill.CancelAsync();
        await harness.Executor.ReadAsync<CancelMessage>();
        while (!run.IsCompleted)
        {
            harness.Tasks.Time.Advance(TimeSpan.FromSeconds(11));
            await Task.WhenAny(run, Task.Delay(20));
        }

        var outcome = await run;
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Kind, Is.EqualTo(RemoteAttemptEnd.Broken));
            Assert.That(outcome.Message, Does.Contain("Cancel"));
        });
    }

    [Test]
    public async Task RunAsync_LeaseRenewForCancelledTask_AnswersLeaseLostAndEnds()
    {
        using var harness = new DispatchHarness();
        var (record, attempt) = harness.Start();
        var run = harness.RunAsync(record, attempt);
        await harness.Executor.AcceptAsync(harness.Now);
        harness.Store.Cancel(record.Id);

        await harness.Executor.SendAsync(new LeaseRenewMessage(attempt, harness.Now + TimeSpan.FromSeconds(30)));
        var lost = await harness.Executor.ReadAsync<LeaseLostMessage>();
        var outcome = await run;

        Assert.Multiple(() =>
        {
            Assert.That(lost.Attempt, Is.EqualTo(attempt));
            Assert.That(outcome.Kind, Is.EqualTo(RemoteAttemptEnd.Broken));
        });
    }

    [Test]
    public async Task RunAsync_StreamEndsBeforeResult_BrokenAndLeaseShortened()
    {
        using var harness = new DispatchHarness();
        var (record, attempt) = harness.Start();
        var run = harness.RunAsync(record, attempt);
        await harness.Executor.AcceptAsync(harness.Now);

        await harness.Executor.CloseAsync();
        var outcome = await run;

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Kind, Is.EqualTo(RemoteAttemptEnd.Broken));
            Assert.That(outcome.Message, Is.Not.Empty);
            Assert.That(harness.Store.Get(record.Id)!.State, Is.EqualTo(TaskState.Running));
            Assert.That(harness.Store.Get(record.Id)!.LeaseUntil, Is.EqualTo(harness.Now + new RemoteAttemptOptions().ResumeGrace));
            Assert.That(harness.Transport.OriginEnd.Aborted, Is.True);
        });
    }

    [Test]
    public async Task RunAsync_StreamResetWhileRunning_BrokenAndLeaseShortened()
    {
        using var harness = new DispatchHarness();
        var (record, attempt) = harness.Start();
        var run = harness.RunAsync(record, attempt);
        await harness.Executor.AcceptAsync(harness.Now);
        await harness.Executor.SendAsync(new OutputChunkMessage(attempt, OutputStreamKind.Stdout, 0, "partial"u8.ToArray()));
        await harness.Executor.ReadAsync<OutputCreditMessage>();

        harness.Executor.Channel.Abort();
        var outcome = await run;

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Kind, Is.EqualTo(RemoteAttemptEnd.Broken));
            Assert.That(harness.Store.Get(record.Id)!.LeaseUntil, Is.EqualTo(harness.Now + new RemoteAttemptOptions().ResumeGrace));
            Assert.That(harness.Store.ReadOutput(record.Id), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task RunAsync_PeerSilent_BrokenAfterTheSilenceTimeout()
    {
        using var harness = new DispatchHarness();
        var (record, attempt) = harness.Start();
        var run = harness.RunAsync(record, attempt);
        await harness.Executor.AcceptAsync(harness.Now + TimeSpan.FromSeconds(30));

        // Fake time: advance until the runner's silence timer (created whenever it next reads) fires.
        while (!run.IsCompleted)
        {
            harness.Tasks.Time.Advance(TimeSpan.FromSeconds(61));
            await Task.WhenAny(run, Task.Delay(20));
        }

        var outcome = await run;
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Kind, Is.EqualTo(RemoteAttemptEnd.Broken));
            Assert.That(outcome.Message, Does.Contain("sent nothing"));
        });
    }

    [Test]
    public async Task RunAsync_InputRequestAfterCancel_SendsNoInputs()
    {
        using var harness = new DispatchHarness();
        var input = await harness.AddInputAsync("in.txt", "data"u8.ToArray());
        var (record, attempt) = harness.Start(harness.Spec([input]));
        using var kill = new CancellationTokenSource();
        var run = harness.RunAsync(record, attempt, kill.Token);
        await harness.Executor.AcceptAsync(harness.Now);
        await kill.CancelAsync();
        await harness.Executor.ReadAsync<CancelMessage>();

        await harness.Executor.SendAsync(new InputRequestMessage(attempt, [input.Sha256]));
        await harness.Executor.SendResultAsync(attempt, record.Id, new TaskResult { Reason = TaskEndReason.Cancelled });
        var next = await harness.Executor.ReadAsync<TaskMessage>();
        await harness.Executor.CloseAsync();
        var outcome = await run;

        Assert.Multiple(() =>
        {
            Assert.That(next, Is.TypeOf<ResultAckMessage>());
            Assert.That(outcome.Kind, Is.EqualTo(RemoteAttemptEnd.Completed));
        });
    }
}
