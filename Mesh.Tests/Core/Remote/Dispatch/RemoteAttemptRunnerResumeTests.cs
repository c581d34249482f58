using Mesh.Core.Tasks;
using Mesh.Core.Tasks.Wire;

namespace Mesh.Tests.Core.Remote.Dispatch;

public sealed class RemoteAttemptRunnerResumeTests
{
    [Test]
    public async Task ServeResumeAsync_CurrentAttempt_RenewsGrantsCreditAndRecordsTheResult()
    {
        using var harness = new DispatchHarness();
        var (record, attempt) = harness.Start();
        var (origin, executorEnd) = ChannelPair.Create();
        var executor = new ExecutorSide(executorEnd);
        var asked = harness.Now + TimeSpan.FromSeconds(25);
        var content = "out"u8.ToArray();

        var serve = Task.Run(() => harness.Runner.ServeResumeAsync(new LeaseRenewMessage(attempt, asked), origin, DispatchHarness.Peer, CancellationToken.None));
        var renewed = await executor.ReadAsync<LeaseRenewedMessage>();
        var credit = await executor.ReadAsync<OutputCreditMessage>();
        var leaseAfterRenew = harness.Store.Get(record.Id)!.LeaseUntil;
        await executor.SendResultAsync(
            attempt, record.Id, new TaskResult { Reason = TaskEndReason.Exited, ExitCode = 0, Outputs = [DispatchHarness.FileOf("r.txt", content)] });
        await executor.SendAsync(new OutputFileDataMessage(attempt, "r.txt", 0, content, true));
        var (messages, reset) = await RemoteAttemptRunnerFilesTests.ReadUntilAckAsync(executor);
        await serve.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Multiple(() =>
        {
            Assert.That(renewed, Is.EqualTo(new LeaseRenewedMessage(attempt, asked)));
            Assert.That(credit.Bytes, Is.EqualTo(1 << 20));
            Assert.That(leaseAfterRenew, Is.EqualTo(asked));
            Assert.That(messages.OfType<ResultAckMessage>().Single(), Is.EqualTo(new ResultAckMessage(attempt, record.Id, true)));
            Assert.That(reset, Is.False);
            Assert.That(harness.Store.Get(record.Id)!.State, Is.EqualTo(TaskState.Succeeded));
            Assert.That(File.ReadAllBytes(Path.Combine(harness.OutputDirectory, "r.txt")), Is.EqualTo(content));
        });
    }

    [Test]
    public async Task ServeResumeAsync_AskedPastOneLease_GrantsOneLease()
    {
        using var harness = new DispatchHarness();
        var (_, attempt) = harness.Start();
        var (origin, executorEnd) = ChannelPair.Create();
        var executor = new ExecutorSide(executorEnd);

        var serve = Task.Run(() => harness.Runner.ServeResumeAsync(
            new LeaseRenewMessage(attempt, harness.Now + TimeSpan.FromHours(1)), origin, DispatchHarness.Peer, CancellationToken.None));
        var renewed = await executor.ReadAsync<LeaseRenewedMessage>();
        await executor.CloseAsync();
        await serve.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(renewed.Until, Is.EqualTo(harness.Now + TimeSpan.FromSeconds(30)));
    }

    [Test]
    public async Task ServeResumeAsync_UnknownAttempt_AnswersLeaseLostAndCloses()
    {
        using var harness = new DispatchHarness();
        harness.Start();
        var (origin, executorEnd) = ChannelPair.Create();
        var executor = new ExecutorSide(executorEnd);
        var stale = AttemptId.New();

        await harness.Runner.ServeResumeAsync(new LeaseRenewMessage(stale, harness.Now), origin, DispatchHarness.Peer, CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(10));
        var (messages, reset) = await executor.ReadToEndAsync();

        Assert.Multiple(() =>
        {
            Assert.That(messages, Has.Count.EqualTo(1));
            Assert.That(messages[0], Is.TypeOf<LeaseLostMessage>().And.Property(nameof(LeaseLostMessage.Attempt)).EqualTo(stale));
            Assert.That(reset, Is.False);
        });
    }

    [Test]
    public async Task ServeResumeAsync_FinishedTask_AnswersLeaseLost()
    {
        using var harness = new DispatchHarness();
        var (record, attempt) = harness.Start();
        harness.Store.TryComplete(record.Id, attempt, new TaskResult { Reason = TaskEndReason.Exited, ExitCode = 0 });
        var (origin, executorEnd) = ChannelPair.Create();
        var executor = new ExecutorSide(executorEnd);

        await harness.Runner.ServeResumeAsync(new LeaseRenewMessage(attempt, harness.Now), origin, DispatchHarness.Peer, CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(10));
        var (messages, _) = await executor.ReadToEndAsync();

        Assert.That(messages.Single(), Is.TypeOf<LeaseLostMessage>());
    }

    [Test]
    public async Task ServeResumeAsync_AnotherExecutor_AnswersLeaseLostAndKeepsTheLease()
    {
        using var harness = new DispatchHarness();
        var (record, attempt) = harness.Start();
        var (origin, executorEnd) = ChannelPair.Create();
        var executor = new ExecutorSide(executorEnd);

        await harness.Runner.ServeResumeAsync(
                new LeaseRenewMessage(attempt, harness.Now + TimeSpan.FromSeconds(5)), origin, "12D3KooWSomeoneElse", CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(10));
        var (messages, _) = await executor.ReadToEndAsync();

        Assert.Multiple(() =>
        {
            Assert.That(messages.Single(), Is.TypeOf<LeaseLostMessage>());
            Assert.That(harness.Store.Get(record.Id)!.LeaseUntil, Is.EqualTo(record.LeaseUntil));
        });
    }

    [Test]
    public async Task ServeResumeAsync_GarbageAfterRenewal_EndsWithoutExceptionAndShortensLease()
    {
        using var harness = new DispatchHarness();
        var (record, attempt) = harness.Start();
        var (origin, executorEnd) = ChannelPair.Create();
        var executor = new ExecutorSide(executorEnd);

        var serve = Task.Run(() => harness.Runner.ServeResumeAsync(
            new LeaseRenewMessage(attempt, harness.Now + TimeSpan.FromSeconds(30)), origin, DispatchHarness.Peer, CancellationToken.None));
        await executor.ReadAsync<LeaseRenewedMessage>();
        await executor.SendRawAsync([3, 0x93, 0xc1, 0xc1]);
        await serve.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Multiple(() =>
        {
            Assert.That(origin.Aborted, Is.True);
            Assert.That(harness.Store.Get(record.Id)!.LeaseUntil, Is.EqualTo(harness.Now + new Mesh.Core.Remote.Dispatch.RemoteAttemptOptions().ResumeGrace));
        });
    }

    [Test]
    public async Task ServeResumeAsync_Stopped_AbortsAndReturnsWithoutException()
    {
        using var harness = new DispatchHarness();
        var (record, attempt) = harness.Start();
        var (origin, executorEnd) = ChannelPair.Create();
        var executor = new ExecutorSide(executorEnd);
        using var stop = new CancellationTokenSource();

        var serve = Task.Run(() => harness.Runner.ServeResumeAsync(
            new LeaseRenewMessage(attempt, harness.Now + TimeSpan.FromSeconds(30)), origin, DispatchHarness.Peer, stop.Token));
        await executor.ReadAsync<LeaseRenewedMessage>();
        await executor.ReadAsync<OutputCreditMessage>();
        await stop.CancelAsync();
        await serve.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Multiple(() =>
        {
            Assert.That(origin.Aborted, Is.True);
            Assert.That(harness.Store.Get(record.Id)!.State, Is.EqualTo(TaskState.Running));
        });
    }

    [Test]
    public async Task ServeResumeAsync_InputRequest_IsAViolation()
    {
        using var harness = new DispatchHarness();
        var (_, attempt) = harness.Start();
        var (origin, executorEnd) = ChannelPair.Create();
        var executor = new ExecutorSide(executorEnd);

        var serve = Task.Run(() => harness.Runner.ServeResumeAsync(
            new LeaseRenewMessage(attempt, harness.Now + TimeSpan.FromSeconds(30)), origin, DispatchHarness.Peer, CancellationToken.None));
        await executor.ReadAsync<LeaseRenewedMessage>();
        await executor.SendAsync(new InputRequestMessage(attempt, []));
        await serve.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(origin.Aborted, Is.True);
    }
}
