using Mesh.Core.Journal;
using Mesh.Core.Remote.Dispatch;
using Mesh.Core.Resources;
using Mesh.Core.Scheduling;
using Mesh.Core.Tasks;
using Mesh.Core.Tasks.Wire;
using Mesh.Libp2p.Identity;
using Mesh.Tests.Core.Tasks;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mesh.Tests.Core.Remote.Dispatch;

/// <summary>The origin's side of the compute journal, against an executor played by hand (docs/protocol.md "Journal").</summary>
public sealed class RemoteAttemptRunnerJournalTests
{
    private static readonly TaskResult Exited = new()
    {
        Reason = TaskEndReason.Exited,
        ExitCode = 0,
        Usage = new TaskUsage(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), 4096),
    };

    private TaskStoreHarness _tasks = null!;
    private JournalParty _origin = null!;
    private IdentityKey _executorKey = null!;
    private FakeTaskTransport _transport = null!;
    private RemoteAttemptRunner _runner = null!;

    [SetUp]
    public void SetUp()
    {
        _tasks = new TaskStoreHarness();
        _origin = new JournalParty();
        _executorKey = IdentityKey.Generate();
        _transport = new FakeTaskTransport();
        var cache = new InputCache(Path.Combine(_tasks.Directory, "cache"), 1L << 30);
        _runner = new RemoteAttemptRunner(_tasks.Store, cache, _transport, new RemoteAttemptOptions(), _tasks.Time, NullLogger.Instance)
        {
            Journaling = _origin.Journaling,
        };
    }

    private string ExecutorPeer => _executorKey.PeerId.ToString();

    private static TaskSpec Spec => new() { Argv = ["sh", "-c", "echo hi"], Resources = new ResourceVector(1, 1 << 20, 0, 0) };

    [TearDown]
    public void TearDown()
    {
        _origin.Dispose();
        _tasks.Dispose();
    }

    [Test]
    public async Task RunAsync_ValidRecord_AcksWithAValidCountersignatureAndJournalsIt()
    {
        var (record, attempt) = Start();
        var run = Task.Run(() => _runner.RunAsync(record, attempt, ExecutorPeer, default));
        var executor = new ExecutorSide(_transport.ExecutorEnd);
        await executor.AcceptAsync(_tasks.Time.GetUtcNow());
        var journal = Sign(_executorKey, Build(record, attempt, _origin.Peer, _executorKey.PeerId, Exited));

        await executor.SendAsync(new RunResultMessage(attempt, record.Id, Exited, journal));
        var ack = await executor.ReadAsync<ResultAckMessage>();
        await executor.CloseAsync();
        var outcome = await run;

        var countersigned = JournalSigning.TryDecodeSigned(journal.Record, journal.ExecutorSignature, ack.OriginSignature, out var error);
        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(RemoteAttemptOutcome.Completed(CompletionOutcome.Accepted)));
            Assert.That(ack.Accepted, Is.True);
            Assert.That(countersigned, Is.Not.Null, error);
            Assert.That(countersigned!.IsCountersigned, Is.True);
            Assert.That(_origin.Journal.TryFind(record.Id, attempt, out var entry), Is.True);
            Assert.That(entry!.Transaction.RecordBytes.ToArray(), Is.EqualTo(journal.Record.ToArray()));
            Assert.That(entry.Transaction.OriginSignature.ToArray(), Is.EqualTo(ack.OriginSignature.ToArray()));
            Assert.That(_origin.Journal.Verify().Ok, Is.True);
        });
    }

    [Test]
    public async Task RunAsync_RecordOfAnotherTask_ResetsAndRecordsNothing()
    {
        var (record, attempt) = Start();
        var (other, _) = Start();
        var journal = Sign(_executorKey, Build(other, attempt, _origin.Peer, _executorKey.PeerId, Exited));

        var (outcome, reset) = await RunWithRecordAsync(record, attempt, journal);

        AssertRejected(record, attempt, outcome, reset);
    }

    [Test]
    public async Task RunAsync_RecordNamingAnotherExecutor_ResetsAndRecordsNothing()
    {
        var (record, attempt) = Start();
        var stranger = IdentityKey.Generate();
        var journal = Sign(stranger, Build(record, attempt, _origin.Peer, stranger.PeerId, Exited));

        var (outcome, reset) = await RunWithRecordAsync(record, attempt, journal);

        AssertRejected(record, attempt, outcome, reset);
    }

    [Test]
    public async Task RunAsync_BadExecutorSignature_ResetsAndRecordsNothing()
    {
        var (record, attempt) = Start();
        var journal = Sign(_executorKey, Build(record, attempt, _origin.Peer, _executorKey.PeerId, Exited));
        var forged = journal.ExecutorSignature.ToArray();
        forged[10] ^= 0x01;

        var (outcome, reset) = await RunWithRecordAsync(record, attempt, journal with { ExecutorSignature = forged });

        AssertRejected(record, attempt, outcome, reset);
    }

    [Test]
    public async Task RunAsync_RecordWithAnotherExitCode_ResetsAndRecordsNothing()
    {
        var (record, attempt) = Start();
        var journal = Sign(_executorKey, Build(record, attempt, _origin.Peer, _executorKey.PeerId, Exited with { ExitCode = 1 }));

        var (outcome, reset) = await RunWithRecordAsync(record, attempt, journal);

        AssertRejected(record, attempt, outcome, reset);
    }

    [Test]
    public async Task RunAsync_NoRecord_ResetsAndRecordsNothing()
    {
        var (record, attempt) = Start();

        var (outcome, reset) = await RunWithRecordAsync(record, attempt, null);

        AssertRejected(record, attempt, outcome, reset);
    }

    [Test]
    public async Task RunAsync_EvictionWithRecord_ReturnsTheTaskAndJournalsTheGivenTime()
    {
        var (record, attempt) = Start();
        var evicted = new TaskResult { Reason = TaskEndReason.Evicted, Usage = new TaskUsage(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(4), 1 << 20) };
        var run = Task.Run(() => _runner.RunAsync(record, attempt, ExecutorPeer, default));
        var executor = new ExecutorSide(_transport.ExecutorEnd);
        await executor.AcceptAsync(_tasks.Time.GetUtcNow());
        var journal = Sign(_executorKey, Build(record, attempt, _origin.Peer, _executorKey.PeerId, evicted));

        await executor.SendAsync(new RunResultMessage(attempt, record.Id, evicted, journal));
        var ack = await executor.ReadAsync<ResultAckMessage>();
        await executor.CloseAsync();
        var outcome = await run;

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Kind, Is.EqualTo(RemoteAttemptEnd.Evicted));
            Assert.That(ack.Accepted, Is.True);
            Assert.That(JournalSigning.TryDecodeSigned(journal.Record, journal.ExecutorSignature, ack.OriginSignature, out _), Is.Not.Null);
            Assert.That(_origin.Journal.TryFind(record.Id, attempt, out _), Is.True);
            Assert.That(_tasks.Store.Get(record.Id)!.State, Is.EqualTo(TaskState.Queued));
        });
    }

    [Test]
    public async Task ServeResumeAsync_RedeliveryOfAJournaledResult_AnswersAcceptedWithTheSameCountersignature()
    {
        var (record, attempt) = Start();
        var run = Task.Run(() => _runner.RunAsync(record, attempt, ExecutorPeer, default));
        var executor = new ExecutorSide(_transport.ExecutorEnd);
        await executor.AcceptAsync(_tasks.Time.GetUtcNow());
        var journal = Sign(_executorKey, Build(record, attempt, _origin.Peer, _executorKey.PeerId, Exited));
        await executor.SendAsync(new RunResultMessage(attempt, record.Id, Exited, journal));
        var first = await executor.ReadAsync<ResultAckMessage>();
        await executor.CloseAsync();
        await run;

        // The executor missed that ack: it comes back on a stream of its own.
        var (originEnd, executorEnd) = ChannelPair.Create();
        var again = new ExecutorSide(executorEnd);
        var serve = Task.Run(() => _runner.ServeResumeAsync(
            new LeaseRenewMessage(attempt, _tasks.Time.GetUtcNow() + TimeSpan.FromSeconds(30)), originEnd, ExecutorPeer, CancellationToken.None));
        await again.ReadAsync<LeaseRenewedMessage>();
        await again.ReadAsync<OutputCreditMessage>();
        await again.SendAsync(new RunResultMessage(attempt, record.Id, Exited, journal));
        var second = await again.ReadAsync<ResultAckMessage>();
        await again.CloseAsync();
        await serve.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Multiple(() =>
        {
            Assert.That(second.Accepted, Is.True);
            Assert.That(second.OriginSignature.ToArray(), Is.EqualTo(first.OriginSignature.ToArray()));
            Assert.That(_origin.Journal.Head.Height, Is.EqualTo(1));
            Assert.That(_tasks.Store.Get(record.Id)!.State, Is.EqualTo(TaskState.Succeeded));
        });
    }

    [Test]
    public async Task ServeResumeAsync_RedeliveryWithAnotherRecord_Resets()
    {
        var (record, attempt) = Start();
        var run = Task.Run(() => _runner.RunAsync(record, attempt, ExecutorPeer, default));
        var executor = new ExecutorSide(_transport.ExecutorEnd);
        await executor.AcceptAsync(_tasks.Time.GetUtcNow());
        await executor.SendAsync(new RunResultMessage(attempt, record.Id, Exited, Sign(_executorKey, Build(record, attempt, _origin.Peer, _executorKey.PeerId, Exited))));
        await executor.ReadAsync<ResultAckMessage>();
        await executor.CloseAsync();
        await run;
        var (originEnd, executorEnd) = ChannelPair.Create();
        var again = new ExecutorSide(executorEnd);
        var other = Sign(_executorKey, Build(record, attempt, _origin.Peer, _executorKey.PeerId, Exited with { Usage = TaskUsage.None }));

        var serve = Task.Run(() => _runner.ServeResumeAsync(
            new LeaseRenewMessage(attempt, _tasks.Time.GetUtcNow() + TimeSpan.FromSeconds(30)), originEnd, ExecutorPeer, CancellationToken.None));
        await again.ReadAsync<LeaseRenewedMessage>();
        await again.ReadAsync<OutputCreditMessage>();
        await again.SendAsync(new RunResultMessage(attempt, record.Id, Exited, other));
        var (messages, reset) = await again.ReadToEndAsync();
        await serve.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(messages.OfType<ResultAckMessage>(), Is.Empty);
        Assert.That(reset, Is.True);
        Assert.That(_origin.Journal.Head.Height, Is.EqualTo(1));
    }

    [Test]
    public async Task ServeResumeAsync_FinishedAttemptNotJournaled_AnswersLeaseLost()
    {
        var (record, attempt) = Start();
        Assert.That(_tasks.Store.TryComplete(record.Id, attempt, Exited), Is.EqualTo(CompletionOutcome.Accepted));
        var (originEnd, executorEnd) = ChannelPair.Create();
        var executor = new ExecutorSide(executorEnd);

        var serve = Task.Run(() => _runner.ServeResumeAsync(
            new LeaseRenewMessage(attempt, _tasks.Time.GetUtcNow() + TimeSpan.FromSeconds(30)), originEnd, ExecutorPeer, CancellationToken.None));
        var answer = await executor.ReadAsync<LeaseLostMessage>();
        await serve.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(answer.Attempt, Is.EqualTo(attempt));
    }

    internal static ComputeRecord Build(TaskRecord record, AttemptId attempt, PeerId origin, PeerId executor, TaskResult result) =>
        ComputeRecords.Build(record.Id, attempt, origin, executor, record.Spec, result, TaskStoreHarness.Start, TaskStoreHarness.Start.AddSeconds(2));

    internal static RunResultJournal Sign(IdentityKey executor, ComputeRecord record)
    {
        var signed = JournalSigning.SignAsExecutor(executor, record);
        return new RunResultJournal(signed.RecordBytes, signed.ExecutorSignature);
    }

    private (TaskRecord Record, AttemptId Attempt) Start()
    {
        var submitted = _tasks.Store.Submit(TaskStoreHarness.Origin, Spec);
        var attempt = AttemptId.New();
        Assert.That(_tasks.Store.TryStartAttempt(submitted.Id, attempt, ExecutorPeer, _tasks.Time.GetUtcNow() + TimeSpan.FromSeconds(30)), Is.True);
        return (_tasks.Store.Get(submitted.Id)!, attempt);
    }

    private async Task<(RemoteAttemptOutcome Outcome, bool Reset)> RunWithRecordAsync(TaskRecord record, AttemptId attempt, RunResultJournal? journal)
    {
        var run = Task.Run(() => _runner.RunAsync(record, attempt, ExecutorPeer, default));
        var executor = new ExecutorSide(_transport.ExecutorEnd);
        await executor.AcceptAsync(_tasks.Time.GetUtcNow());
        await executor.SendAsync(new RunResultMessage(attempt, record.Id, Exited, journal));
        var (messages, reset) = await executor.ReadToEndAsync();
        Assert.That(messages.OfType<ResultAckMessage>(), Is.Empty);
        return (await run, reset);
    }

    private void AssertRejected(TaskRecord record, AttemptId attempt, RemoteAttemptOutcome outcome, bool reset)
    {
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Kind, Is.EqualTo(RemoteAttemptEnd.Broken));
            Assert.That(reset, Is.True);
            Assert.That(_tasks.Store.Get(record.Id)!.State, Is.EqualTo(TaskState.Running));
            Assert.That(_tasks.Store.GetResult(record.Id), Is.Null);
            Assert.That(_origin.Journal.TryFind(record.Id, attempt, out _), Is.False);
            Assert.That(_origin.Journal.Head.Height, Is.Zero);
        });
    }
}
