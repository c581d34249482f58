using Mesh.Core.Journal;
using Mesh.Core.Resources;
using Mesh.Core.Tasks;
using Mesh.Core.Tasks.Wire;
using static Mesh.Tests.Core.Remote.Guests.GuestHostHarness;

namespace Mesh.Tests.Core.Remote.Guests;

/// <summary>The executor's side of the compute journal, against an origin played by hand (docs/protocol.md "Journal").</summary>
public sealed class GuestTaskHostJournalTests
{
    private static readonly TaskSpec Spec = new() { Argv = ["sh", "-c", "exit 3"], Resources = new ResourceVector(1, 1 << 20, 0, 0) };

    [Test]
    public async Task ServeAsync_Result_CarriesARecordTheOriginCanVerifyAndKeepsItStored()
    {
        using var executorParty = new JournalParty();
        using var originParty = new JournalParty();
        await using var harness = new GuestHostHarness(FakeExecutor.Exiting(3), journaling: executorParty.Journaling);
        var request = Request(Spec);
        var (origin, serving) = harness.Serve(request, originPeer: originParty.PeerText);

        await ReadAsync(origin);
        var (_, result) = await GuestTaskHostRunTests.ReadUntilResultAsync(origin);
        var stored = harness.Results.PendingFor(originParty.PeerText).Single();
        await SendAsync(origin, new ResultAckMessage(request.Attempt, request.Task, false));
        await CompletesAsync(serving);

        var journal = result.Journal!;
        var signed = JournalSigning.TryDecodeSigned(journal.Record, journal.ExecutorSignature, ReadOnlyMemory<byte>.Empty, out var error);
        Assert.That(signed, Is.Not.Null, error);
        Assert.Multiple(() =>
        {
            Assert.That(
                ComputeRecords.Mismatch(signed!.Record, request.Task, request.Attempt, originParty.Peer, executorParty.PeerText, Spec, result.Result), Is.Null);
            Assert.That(signed.Record.Used, Is.EqualTo(result.Result.Usage));
            Assert.That(stored.Journal!.Record.ToArray(), Is.EqualTo(journal.Record.ToArray()), "a redelivery sends the same bytes");
            Assert.That(stored.Journal.ExecutorSignature.ToArray(), Is.EqualTo(journal.ExecutorSignature.ToArray()));
            Assert.That(executorParty.Journal.Head.Height, Is.Zero, "a refused result is not journaled");
        });
    }

    [Test]
    public async Task ServeAsync_AckWithCountersignature_BothJournalsHoldTheSameSignedRecord()
    {
        using var executorParty = new JournalParty();
        using var originParty = new JournalParty();
        await using var harness = new GuestHostHarness(FakeExecutor.Exiting(3), journaling: executorParty.Journaling);
        var request = Request(Spec);
        var (origin, serving) = harness.Serve(request, originPeer: originParty.PeerText);

        await ReadAsync(origin);
        var (_, result) = await GuestTaskHostRunTests.ReadUntilResultAsync(origin);
        var signed = JournalSigning.TryDecodeSigned(result.Journal!.Record, result.Journal.ExecutorSignature, ReadOnlyMemory<byte>.Empty, out _)!;
        var originEntry = await originParty.Journal.AppendAsync(JournalSigning.Countersign(originParty.Key, signed));
        await SendAsync(origin, new ResultAckMessage(request.Attempt, request.Task, true, originEntry.Transaction.OriginSignature));
        await CompletesAsync(serving);

        Assert.That(executorParty.Journal.TryFind(request.Task, request.Attempt, out var executorEntry), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(executorEntry!.Transaction.RecordBytes.ToArray(), Is.EqualTo(originEntry.Transaction.RecordBytes.ToArray()));
            Assert.That(executorEntry.Transaction.ExecutorSignature.ToArray(), Is.EqualTo(originEntry.Transaction.ExecutorSignature.ToArray()));
            Assert.That(executorEntry.Transaction.OriginSignature.ToArray(), Is.EqualTo(originEntry.Transaction.OriginSignature.ToArray()));
            Assert.That(executorParty.Journal.Verify().Ok, Is.True);
            Assert.That(executorParty.Journal.Contribution.Given.Tasks, Is.EqualTo(1));
            Assert.That(harness.Results.PendingFor(originParty.PeerText), Is.Empty);
        });
    }

    [TestCase(0, TestName = "ServeAsync_AcceptedWithoutSignature_SettlesWithoutJournaling")]
    [TestCase(64, TestName = "ServeAsync_AcceptedWithAForgedSignature_SettlesWithoutJournaling")]
    public async Task ServeAsync_AcceptedWithoutAValidSignature_SettlesWithoutJournaling(int signatureLength)
    {
        using var executorParty = new JournalParty();
        using var originParty = new JournalParty();
        await using var harness = new GuestHostHarness(FakeExecutor.Exiting(0), journaling: executorParty.Journaling);
        var request = Request(Spec);
        var (origin, serving) = harness.Serve(request, originPeer: originParty.PeerText);

        await ReadAsync(origin);
        await GuestTaskHostRunTests.ReadUntilResultAsync(origin);
        await SendAsync(origin, new ResultAckMessage(request.Attempt, request.Task, true, new byte[signatureLength]));
        await CompletesAsync(serving);

        Assert.That(executorParty.Journal.Head.Height, Is.Zero);
        Assert.That(harness.Results.PendingFor(originParty.PeerText), Is.Empty);
    }

    [Test]
    public async Task ServeAsync_NoJournaling_SendsNoRecord()
    {
        await using var harness = new GuestHostHarness(FakeExecutor.Exiting(0));
        var request = Request(Spec);
        var (origin, serving) = harness.Serve(request);

        await ReadAsync(origin);
        var (_, result) = await GuestTaskHostRunTests.ReadUntilResultAsync(origin);
        await SendAsync(origin, new ResultAckMessage(request.Attempt, request.Task, true));
        await CompletesAsync(serving);

        Assert.That(result.Journal, Is.Null);
    }
}
