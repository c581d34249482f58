using Mesh.Core.Control;
using Mesh.Core.Remote.Dispatch;
using Mesh.Core.Resources;
using Mesh.Core.Scheduling;
using Mesh.Core.Tasks;
using Mesh.Core.Tasks.Wire;
using Mesh.Libp2p.Identity;

namespace Mesh.Tests.Core.Scheduling;

[TestFixture]
[CancelAfter(20_000)]
public sealed class TaskServiceStealTests
{
    private static readonly PeerId Thief = IdentityKey.Generate().PeerId;

    [Test]
    public async Task ServeSteal_Backlog_GivesAboutHalfTheExcessThatFitsAndLeasesItToTheThief()
    {
        // Two local slots, both held by sleepers: the 10 queued tasks behind them are the excess.
        var runner = new FakeRemoteRunner((_, _, _, _) => new RemoteAttemptOutcome(RemoteAttemptEnd.Broken, Message: "held by the test"));
        await using var harness = await StartAsync(runner, surplusCpu: 2);
        await HoldSlotsAsync(harness, 2);
        await harness.Service.SubmitAsync(new SubmitTaskRequest { Argv = ["true"], Placement = "any", Array = "1-10" });

        var items = await StealAsync(harness, new ResourceVector(8, 8L << 30, 0, 0), maxTasks: 8);

        Assert.Multiple(() =>
        {
            Assert.That(items, Has.Count.EqualTo(5), "half of an excess of 10");
            Assert.That(items.Select(i => harness.Store.Get(i.Task)!.Executor), Is.All.EqualTo(Thief.ToString()));
            Assert.That(items.Select(i => harness.Store.Get(i.Task)!.State), Is.All.EqualTo(TaskState.Running));
        });
    }

    [Test]
    public async Task ServeSteal_TwiceWhileLeasesAreLive_NeverOffersATaskAgain()
    {
        var runner = new FakeRemoteRunner((_, _, _, _) => new RemoteAttemptOutcome(RemoteAttemptEnd.Broken, Message: "held by the test"));
        await using var harness = await StartAsync(runner, surplusCpu: 1);
        await HoldSlotsAsync(harness, 1);
        await harness.Service.SubmitAsync(new SubmitTaskRequest { Argv = ["true"], Array = "1-12" });

        var first = await StealAsync(harness, new ResourceVector(3, 8L << 30, 0, 0), maxTasks: 3);
        var second = await StealAsync(harness, new ResourceVector(3, 8L << 30, 0, 0), maxTasks: 3);

        Assert.Multiple(() =>
        {
            Assert.That(first, Has.Count.EqualTo(3));
            Assert.That(second, Has.Count.EqualTo(3));
            Assert.That(first.Select(i => i.Task).Intersect(second.Select(i => i.Task)), Is.Empty);
        });
    }

    [Test]
    public async Task ServeSteal_OnlyWhatFitsTheThiefAndMayLeaveThisNode()
    {
        var runner = new FakeRemoteRunner((_, _, _, _) => new RemoteAttemptOutcome(RemoteAttemptEnd.Broken, Message: "held by the test"));
        await using var harness = await StartAsync(runner, surplusCpu: 1);
        await HoldSlotsAsync(harness, 1);
        await harness.Service.SubmitAsync(new SubmitTaskRequest { Argv = ["true"], Placement = "local", Array = "1-4" });
        await harness.Service.SubmitAsync(new SubmitTaskRequest { Argv = ["true"], Cpu = 4, Array = "1-4" });
        var small = await harness.Service.SubmitAsync(new SubmitTaskRequest { Argv = ["true"], Cpu = 1 });

        var items = await StealAsync(harness, new ResourceVector(2, 8L << 30, 0, 0), maxTasks: 8);

        Assert.That(items.Select(i => i.Task.ToString()), Is.EqualTo(small.Ids));
    }

    [Test]
    public async Task ServeSteal_ThiefNamesAnotherPeer_GetsNothing()
    {
        var runner = new FakeRemoteRunner((_, _, _, _) => new RemoteAttemptOutcome(RemoteAttemptEnd.Broken, Message: "held by the test"));
        await using var harness = await StartAsync(runner, surplusCpu: 1);
        await HoldSlotsAsync(harness, 1);
        await harness.Service.SubmitAsync(new SubmitTaskRequest { Argv = ["true"], Array = "1-4" });

        var items = await StealAsync(harness, new ResourceVector(2, 8L << 30, 0, 0), maxTasks: 2, asPeer: IdentityKey.Generate().PeerId.ToString());

        Assert.That(items, Is.Empty);
    }

    private static async Task<TaskServiceHarness> StartAsync(FakeRemoteRunner runner, double surplusCpu)
    {
        // No other peer in the table: nothing is pushed, so only steals move work.
        var remote = new RemoteExecution(runner, () => TestPeers.Table()) { StealMinBacklog = TimeSpan.Zero };
        var harness = await TaskServiceHarness.CreateAsync(surplusCpu, remote);
        runner.Store = harness.Store;
        return harness;
    }

    private static async Task HoldSlotsAsync(TaskServiceHarness harness, int count)
    {
        var held = await harness.Service.SubmitAsync(new SubmitTaskRequest { Argv = ["sleep", "30"], Placement = "local", Array = $"1-{count}" });
        while (held.Ids.Any(id => harness.Service.Get(id)!.State != "running"))
        {
            await Task.Delay(20);
        }
    }

    private static async Task<IReadOnlyList<StealOfferItem>> StealAsync(TaskServiceHarness harness, ResourceVector surplus, int maxTasks, string? asPeer = null)
    {
        var (thiefEnd, victimEnd) = ChannelPair.Create();
        await using var _ = thiefEnd;
        await using var __ = victimEnd;
        await harness.Service.ServeStealAsync(new StealRequestMessage(Thief, surplus, maxTasks), victimEnd, asPeer ?? Thief.ToString(), CancellationToken.None);
        var answer = await TaskWireStream.ReadAsync(thiefEnd.Input);
        return ((StealOfferMessage)answer!).Items;
    }
}
