using Mesh.Core.Remote.Dispatch;
using Mesh.Core.Tasks;
using Mesh.Core.Tasks.Wire;

namespace Mesh.Tests.Core.Remote.Dispatch;

/// <summary>An executor evicts the attempt for its owner: the task goes back to the queue, no retry spent (docs/protocol.md "Eviction").</summary>
[TestFixture]
public sealed class RemoteAttemptRunnerEvictedTests
{
    private static readonly TaskResult Evicted = new() { Reason = TaskEndReason.Evicted, Message = "evicted" };

    [Test]
    public async Task RunAsync_EvictedResult_ReturnsTaskToQueueAcksAndEndsEvicted()
    {
        using var harness = new DispatchHarness();
        var (record, attempt) = harness.Start();
        var attemptsBefore = harness.Store.Get(record.Id)!.Attempts - 1;
        var run = harness.RunAsync(record, attempt);
        await harness.Executor.AcceptAsync(harness.Now);

        await harness.Executor.SendResultAsync(attempt, record.Id, Evicted);
        var ack = await harness.Executor.ReadAsync<ResultAckMessage>();
        await harness.Executor.CloseAsync();
        var outcome = await run;

        var after = harness.Store.Get(record.Id)!;
        Assert.Multiple(() =>
        {
            Assert.That(ack, Is.EqualTo(new ResultAckMessage(attempt, record.Id, true)));
            Assert.That(outcome.Kind, Is.EqualTo(RemoteAttemptEnd.Evicted));
            Assert.That(after.State, Is.EqualTo(TaskState.Queued));
            Assert.That(after.Attempts, Is.EqualTo(attemptsBefore), "an eviction spent a retry");
            Assert.That(after.Error, Does.Contain($"evicted by peer {DispatchHarness.Peer}"));
            Assert.That(after.ExitCode, Is.Null);
        });
    }

    [Test]
    public async Task ServeResumeAsync_RedeliveredEviction_ReturnsTaskToQueueAndAcks()
    {
        using var harness = new DispatchHarness();
        var (record, attempt) = harness.Start();
        var attemptsBefore = harness.Store.Get(record.Id)!.Attempts - 1;
        var (origin, executorEnd) = ChannelPair.Create();
        var executor = new ExecutorSide(executorEnd);

        var serve = Task.Run(() => harness.Runner.ServeResumeAsync(
            new LeaseRenewMessage(attempt, harness.Now + TimeSpan.FromSeconds(30)), origin, DispatchHarness.Peer, CancellationToken.None));
        await executor.ReadAsync<LeaseRenewedMessage>();
        await executor.ReadAsync<OutputCreditMessage>();
        await executor.SendResultAsync(attempt, record.Id, Evicted);
        var ack = await executor.ReadAsync<ResultAckMessage>();
        await executor.CloseAsync();
        await serve.WaitAsync(TimeSpan.FromSeconds(10));

        var after = harness.Store.Get(record.Id)!;
        Assert.Multiple(() =>
        {
            Assert.That(ack.Accepted, Is.True);
            Assert.That(after.State, Is.EqualTo(TaskState.Queued));
            Assert.That(after.Attempts, Is.EqualTo(attemptsBefore));
        });
    }

    [Test]
    public async Task RunAsync_EvictionOfCancelledTask_AckedAsNotAccepted()
    {
        using var harness = new DispatchHarness();
        var (record, attempt) = harness.Start();
        var run = harness.RunAsync(record, attempt);
        await harness.Executor.AcceptAsync(harness.Now);
        harness.Store.Cancel(record.Id);

        await harness.Executor.SendResultAsync(attempt, record.Id, Evicted);
        var ack = await harness.Executor.ReadAsync<ResultAckMessage>();
        await harness.Executor.CloseAsync();
        var outcome = await run;

        Assert.Multiple(() =>
        {
            Assert.That(ack.Accepted, Is.False);
            Assert.That(outcome.Kind, Is.EqualTo(RemoteAttemptEnd.Completed));
            Assert.That(harness.Store.Get(record.Id)!.State, Is.EqualTo(TaskState.Cancelled));
        });
    }
}
