using Mesh.Core.Journal;
using Mesh.Core.Remote.Dispatch;
using Mesh.Core.Resources;
using Mesh.Core.Scheduling;
using Mesh.Core.Tasks;
using Mesh.Core.Tasks.Wire;
using Mesh.Tests.Core.Remote.Guests;
using Mesh.Tests.Core.Tasks;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mesh.Tests.Core.Remote;

/// <summary>A real origin (runner) and a real executor (guest host) journaling one transaction together.</summary>
public sealed class JournalFlowTests
{
    [Test]
    public async Task RemoteRun_BothSidesJournaling_BothJournalsHoldTheSameCountersignedRecord()
    {
        using var tasks = new TaskStoreHarness();
        using var originParty = new JournalParty();
        using var executorParty = new JournalParty();
        var transport = new Dispatch.FakeTaskTransport();
        var runner = new RemoteAttemptRunner(
            tasks.Store, new InputCache(Path.Combine(tasks.Directory, "cache"), 1L << 30), transport, new RemoteAttemptOptions(), tasks.Time, NullLogger.Instance)
        {
            Journaling = originParty.Journaling,
        };
        await using var guests = new GuestHostHarness(FakeExecutor.Exiting(0), journaling: executorParty.Journaling);
        var spec = new TaskSpec { Argv = ["python3", "train.py"], Resources = new ResourceVector(2, 1 << 30, 0, 0) };
        var task = tasks.Store.Submit(originParty.PeerText, spec).Id;
        var attempt = AttemptId.New();
        Assert.That(tasks.Store.TryStartAttempt(task, attempt, executorParty.PeerText, tasks.Time.GetUtcNow() + TimeSpan.FromSeconds(30)), Is.True);

        var run = Task.Run(() => runner.RunAsync(tasks.Store.Get(task)!, attempt, executorParty.PeerText, default));
        // The executor node's dispatcher reads the first message and hands the stream to its guest host.
        var request = (RunRequestMessage)(await TaskWireStream.ReadAsync(transport.ExecutorEnd.Input).AsTask().WaitAsync(TimeSpan.FromSeconds(10)))!;
        var serving = guests.Host.ServeAsync(request, transport.ExecutorEnd, originParty.PeerText, CancellationToken.None);
        var outcome = await run.WaitAsync(TimeSpan.FromSeconds(10));
        await serving.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(outcome, Is.EqualTo(RemoteAttemptOutcome.Completed(CompletionOutcome.Accepted)));
        Assert.That(originParty.Journal.TryFind(task, attempt, out var atOrigin), Is.True);
        Assert.That(executorParty.Journal.TryFind(task, attempt, out var atExecutor), Is.True);
        var record = atOrigin!.Transaction.Record;
        Assert.Multiple(() =>
        {
            Assert.That(atExecutor!.Transaction.RecordBytes.ToArray(), Is.EqualTo(atOrigin.Transaction.RecordBytes.ToArray()));
            Assert.That(atExecutor.Transaction.ExecutorSignature.ToArray(), Is.EqualTo(atOrigin.Transaction.ExecutorSignature.ToArray()));
            Assert.That(atExecutor.Transaction.OriginSignature.ToArray(), Is.EqualTo(atOrigin.Transaction.OriginSignature.ToArray()));
            Assert.That(JournalSigning.VerifyOrigin(atExecutor.Transaction), Is.True);
            Assert.That(record.Origin, Is.EqualTo(originParty.Peer));
            Assert.That(record.Executor, Is.EqualTo(executorParty.Peer));
            Assert.That(record.CommandDigest.ToArray(), Is.EqualTo(CommandDigest.Of(spec.Argv)));
            Assert.That(record.Requested, Is.EqualTo(spec.Resources));
            Assert.That(originParty.Journal.Contribution.Used.Tasks, Is.EqualTo(1));
            Assert.That(executorParty.Journal.Contribution.Given.Tasks, Is.EqualTo(1));
            Assert.That(guests.Results.PendingFor(originParty.PeerText), Is.Empty);
        });
    }
}
