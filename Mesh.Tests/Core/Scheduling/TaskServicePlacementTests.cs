using Mesh.Core.Control;
using Mesh.Core.Ledger;
using Mesh.Core.Remote.Dispatch;
using Mesh.Core.Resources;
using Mesh.Core.Scheduling;
using Mesh.Core.Tasks;
using Mesh.Core.Tasks.Wire;

namespace Mesh.Tests.Core.Scheduling;

[TestFixture]
public sealed class TaskServicePlacementTests
{
    private static readonly ResourceVector Idle = new(4, 8L << 30, 0, 0);

    [Test]
    public async Task Submit_AnyWithAnIdlePeer_RunsOnThatPeer()
    {
        var peer = TestPeers.Peer("big", Idle);
        var runner = FakeRemoteRunner.Succeeding();
        await using var harness = await StartAsync(runner, TestPeers.Table(peer));

        var status = await RunAsync(harness, new SubmitTaskRequest { Argv = ["true"] });

        Assert.Multiple(() =>
        {
            Assert.That(status.State, Is.EqualTo("succeeded"));
            Assert.That(status.Executor, Is.EqualTo(peer.Entry.Peer.ToString()));
            Assert.That(runner.Calls.Single().Peer, Is.EqualTo(peer.Entry.Peer.ToString()));
        });
    }

    [Test]
    public async Task Submit_AnyWhenNoPeerHasRoom_RunsOnThisNode()
    {
        var runner = FakeRemoteRunner.Succeeding();
        await using var harness = await StartAsync(runner, TestPeers.Table(TestPeers.Peer("small", new ResourceVector(0.5, 1L << 30, 0, 0))));

        var status = await RunAsync(harness, new SubmitTaskRequest { Argv = ["true"] });

        Assert.Multiple(() =>
        {
            Assert.That(status.State, Is.EqualTo("succeeded"));
            Assert.That(status.Executor, Is.EqualTo(TaskServiceHarness.Self));
            Assert.That(runner.Calls, Is.Empty);
        });
    }

    [Test]
    public async Task Submit_AnyPeerFull_CountsWhatThisNodeSentSinceItsEntry()
    {
        // One core free on the peer: the first task takes it; the second must not be sent there before the ledger says so.
        var peer = TestPeers.Peer("one-core", new ResourceVector(1, 8L << 30, 0, 0));
        // The first task runs at the peer until the test ends.
        var release = new TaskCompletionSource<RemoteAttemptOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        var runner = new FakeRemoteRunner((_, _, _, _) => release.Task);
        await using var harness = await StartAsync(runner, TestPeers.Table(peer) with { TakenAt = DateTimeOffset.UnixEpoch });

        var first = await harness.Service.SubmitAsync(new SubmitTaskRequest { Argv = ["true"], Placement = "remote" });
        var second = await harness.Service.SubmitAsync(new SubmitTaskRequest { Argv = ["true"] });
        var local = await WaitAsync(harness, second.Ids[0]);

        release.SetResult(new RemoteAttemptOutcome(RemoteAttemptEnd.Broken, Message: "ended by the test"));

        Assert.Multiple(() =>
        {
            Assert.That(local.Executor, Is.EqualTo(TaskServiceHarness.Self));
            Assert.That(runner.Calls.Select(c => c.Task.ToString()), Is.EqualTo(first.Ids));
        });
    }

    [Test]
    public async Task Submit_OnPeerByName_GoesToThatPeerOnly()
    {
        var fast = TestPeers.Peer("fast", Idle, score: 900);
        var slow = TestPeers.Peer("slow", Idle, score: 100);
        var runner = FakeRemoteRunner.Succeeding();
        await using var harness = await StartAsync(runner, TestPeers.Table(fast, slow));

        var status = await RunAsync(harness, new SubmitTaskRequest { Argv = ["true"], Placement = "peer", Peer = "slow" });

        Assert.That(status.Executor, Is.EqualTo(slow.Entry.Peer.ToString()));
    }

    [Test]
    public async Task Submit_AnyWithSeveralPeers_PrefersTheHigherScore()
    {
        var fast = TestPeers.Peer("fast", Idle, score: 900);
        var slow = TestPeers.Peer("slow", Idle, score: 100);
        var runner = FakeRemoteRunner.Succeeding();
        await using var harness = await StartAsync(runner, TestPeers.Table(slow, fast));

        var status = await RunAsync(harness, new SubmitTaskRequest { Argv = ["true"] });

        Assert.That(status.Executor, Is.EqualTo(fast.Entry.Peer.ToString()));
    }

    [TestCase("remote", null, "no other peer is in this node's peer table")]
    [TestCase("peer", "nobody", "unknown peer 'nobody'")]
    public async Task Submit_NowhereToGo_RefusedClearly(string placement, string? peer, string expected)
    {
        await using var harness = await StartAsync(FakeRemoteRunner.Succeeding(), TestPeers.Table());

        var refusal = Assert.ThrowsAsync<TaskRequestException>(() =>
            harness.Service.SubmitAsync(new SubmitTaskRequest { Argv = ["true"], Placement = placement, Peer = peer }));

        Assert.That(refusal!.Message, Does.Contain(expected));
    }

    [Test]
    public async Task Submit_MoreThanAnyMachineHas_RefusedNamingTheMost()
    {
        await using var harness = await StartAsync(FakeRemoteRunner.Succeeding(), TestPeers.Table(TestPeers.Peer("big", new ResourceVector(32, 8L << 30, 0, 0))));

        var refusal = Assert.ThrowsAsync<TaskRequestException>(() =>
            harness.Service.SubmitAsync(new SubmitTaskRequest { Argv = ["true"], Cpu = 64 }));

        Assert.That(refusal!.Message, Is.EqualTo("no peer can meet cpu=64: the most any peer has is 32 cores"));
    }

    [Test]
    public async Task Submit_RemoteOnlyMoreThanThePeersShare_Refused()
    {
        await using var harness = await StartAsync(FakeRemoteRunner.Succeeding(), TestPeers.Table(TestPeers.Peer("small", new ResourceVector(2, 8L << 30, 0, 0))));

        var refusal = Assert.ThrowsAsync<TaskRequestException>(() =>
            harness.Service.SubmitAsync(new SubmitTaskRequest { Argv = ["true"], Cpu = 8, Placement = "remote" }));

        Assert.That(refusal!.Message, Is.EqualTo("no peer can meet cpu=8: the most a peer shares is 2 cores"));
    }

    [Test]
    public async Task Run_OnPeerThatRefusesThisNode_FailsWithThePeersWords()
    {
        var peer = TestPeers.Peer("strict", Idle);
        var runner = new FakeRemoteRunner((_, _, _, _) =>
            new RemoteAttemptOutcome(RemoteAttemptEnd.Refused, Refusal: RunRefusalReason.NotAllowed, Message: "peer X is not allowed to run tasks on this node"));
        await using var harness = await StartAsync(runner, TestPeers.Table(peer));

        var status = await RunAsync(harness, new SubmitTaskRequest { Argv = ["true"], Placement = "peer", Peer = "strict" });

        Assert.Multiple(() =>
        {
            Assert.That(status.State, Is.EqualTo("failed"));
            Assert.That(status.Error, Does.Contain("\"strict\"").And.Contain("refused it: peer X is not allowed"));
        });
    }

    [Test]
    public async Task Run_AnyRefusedByTheOnlyPeer_RunsOnThisNodeInstead()
    {
        var runner = new FakeRemoteRunner((_, _, _, _) =>
            new RemoteAttemptOutcome(RemoteAttemptEnd.Refused, Refusal: RunRefusalReason.NotAllowed, Message: "not allowed"));
        await using var harness = await StartAsync(runner, TestPeers.Table(TestPeers.Peer("strict", Idle)));

        var status = await RunAsync(harness, new SubmitTaskRequest { Argv = ["true"] });

        Assert.Multiple(() =>
        {
            Assert.That(status.State, Is.EqualTo("succeeded"));
            Assert.That(status.Executor, Is.EqualTo(TaskServiceHarness.Self));
            Assert.That(status.Attempts, Is.EqualTo(1), "a refused attempt costs no retry");
        });
    }

    [Test]
    public async Task Run_PeerBusyThenFree_WaitsForItWithoutSpendingRetries()
    {
        var peer = TestPeers.Peer("busy", Idle);
        var answers = 0;
        var runner = new FakeRemoteRunner((record, attempt, _, store) => Interlocked.Increment(ref answers) < 3
            ? new RemoteAttemptOutcome(RemoteAttemptEnd.Refused, Refusal: RunRefusalReason.NoCapacity, Message: "no capacity")
            : new RemoteAttemptOutcome(RemoteAttemptEnd.Completed, store!.TryComplete(record.Id, attempt, new TaskResult { Reason = TaskEndReason.Exited, ExitCode = 0 })));
        await using var harness = await StartAsync(runner, TestPeers.Table(peer));

        var status = await RunAsync(harness, new SubmitTaskRequest { Argv = ["true"], Placement = "peer", Peer = "busy", Retries = 0 });

        Assert.Multiple(() =>
        {
            Assert.That(status.State, Is.EqualTo("succeeded"));
            Assert.That(status.Attempts, Is.EqualTo(1));
            Assert.That(runner.Calls, Has.Count.EqualTo(3));
        });
    }

    [Test]
    public async Task Run_PeerUnreachable_ReturnsToTheQueueAndRunsHere()
    {
        var runner = new FakeRemoteRunner((_, _, _, _) => new RemoteAttemptOutcome(RemoteAttemptEnd.Unreachable, Message: "connection refused"));
        await using var harness = await StartAsync(runner, TestPeers.Table(TestPeers.Peer("gone", Idle)));

        var status = await RunAsync(harness, new SubmitTaskRequest { Argv = ["true"] });

        Assert.Multiple(() =>
        {
            Assert.That(status.Executor, Is.EqualTo(TaskServiceHarness.Self));
            Assert.That(status.Attempts, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Run_StreamBrokeAndLeaseRanOut_RequeuedAndRunAgain()
    {
        var peer = TestPeers.Peer("flaky", Idle);
        var calls = 0;
        var runner = new FakeRemoteRunner((record, attempt, _, store) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                // What the runner does on a broken stream: shorten the lease, leave the rest to its expiry.
                store!.TryRenewLease(record.Id, attempt, DateTimeOffset.UtcNow);
                return new RemoteAttemptOutcome(RemoteAttemptEnd.Broken, Message: "reset");
            }

            return new RemoteAttemptOutcome(RemoteAttemptEnd.Completed, store!.TryComplete(record.Id, attempt, new TaskResult { Reason = TaskEndReason.Exited, ExitCode = 0 }));
        });
        await using var harness = await StartAsync(runner, TestPeers.Table(peer));

        var status = await RunAsync(harness, new SubmitTaskRequest { Argv = ["true"], Placement = "peer", Peer = "flaky", Retries = 1 });

        Assert.Multiple(() =>
        {
            Assert.That(status.State, Is.EqualTo("succeeded"));
            Assert.That(status.Attempts, Is.EqualTo(2));
        });
    }

    private static async Task<TaskServiceHarness> StartAsync(FakeRemoteRunner runner, PeerTableSnapshot table)
    {
        var remote = new RemoteExecution(runner, () => table) { RetryPeerAfter = TimeSpan.FromMilliseconds(20) };
        var harness = await TaskServiceHarness.CreateAsync(remote: remote);
        runner.Store = harness.Store;
        return harness;
    }

    private static async Task<TaskStatusView> RunAsync(TaskServiceHarness harness, SubmitTaskRequest request)
    {
        var submitted = await harness.Service.SubmitAsync(request);
        return await WaitAsync(harness, submitted.Ids[0]);
    }

    private static async Task<TaskStatusView> WaitAsync(TaskServiceHarness harness, string id)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        return (await harness.Service.WaitAsync(id, timeout.Token))!;
    }
}
