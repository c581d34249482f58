using Mesh.Core.Journal;
using Mesh.Core.Tasks;
using Mesh.Tests.Core.Remote;

namespace Mesh.Tests.Core.Scheduling;

/// <summary>Local runs in the compute journal: the node is origin and executor and signs both.</summary>
public sealed class TaskServiceJournalTests
{
    [Test]
    public async Task Submit_LocalRun_JournaledWithBothSignaturesOfTheNode()
    {
        using var node = new JournalParty();
        await using var harness = await TaskServiceHarness.CreateAsync(journaling: node.Journaling);

        var id = await harness.SubmitAsync("sh", "-c", "exit 4");
        await harness.WaitAsync(id);
        // The record is appended just after the result is recorded, which is what WaitAsync sees.
        await Remote.Guests.GuestHostHarness.EventuallyAsync(() => node.Journal.Head.Height == 1);

        Assert.That(node.Journal.TryFind(TaskId.Parse(id), harness.Store.Get(TaskId.Parse(id))!.AttemptId!.Value, out var entry), Is.True);
        var record = entry!.Transaction.Record;
        Assert.Multiple(() =>
        {
            Assert.That(record.Origin, Is.EqualTo(node.Peer));
            Assert.That(record.Executor, Is.EqualTo(node.Peer));
            Assert.That(record.Reason, Is.EqualTo(TaskEndReason.Exited));
            Assert.That(record.ExitCode, Is.EqualTo(4));
            Assert.That(record.CommandDigest.ToArray(), Is.EqualTo(CommandDigest.Of(["sh", "-c", "exit 4"])));
            Assert.That(record.FinishedAt, Is.GreaterThanOrEqualTo(record.StartedAt));
            Assert.That(JournalSigning.VerifyExecutor(entry.Transaction), Is.True);
            Assert.That(JournalSigning.VerifyOrigin(entry.Transaction), Is.True);
            Assert.That(node.Journal.Verify().Ok, Is.True);
            Assert.That(node.Journal.Contribution, Is.EqualTo(Contribution.None), "a node's own tasks run on itself count in neither");
        });
    }

    [Test]
    public async Task Submit_NoJournaling_RunsAsBefore()
    {
        await using var harness = await TaskServiceHarness.CreateAsync();

        var status = await harness.WaitAsync(await harness.SubmitAsync("true"));

        Assert.That(status.State, Is.EqualTo("succeeded"));
    }
}
