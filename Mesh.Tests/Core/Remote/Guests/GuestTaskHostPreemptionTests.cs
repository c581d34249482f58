using Mesh.Core.Remote.Guests;
using Mesh.Core.Resources;
using Mesh.Core.Tasks;
using Mesh.Core.Tasks.Wire;
using Microsoft.Extensions.Time.Testing;
using static Mesh.Tests.Core.Remote.Guests.GuestHostHarness;

namespace Mesh.Tests.Core.Remote.Guests;

/// <summary>Owner first: guests give way when the surplus shrinks, and get the machine back when it grows.</summary>
[TestFixture]
public sealed class GuestTaskHostPreemptionTests
{
    private static readonly ResourceVector Plenty = new(4, 8L << 30, 100L << 30, 0);

    private static RunRequestMessage OneCore(TimeSpan? lease = null) =>
        Request(new TaskSpec { Argv = ["work"], Resources = new ResourceVector(1, 0, 0, 0) }, lease);

    private static ResourceVector Cores(double cpu) => Plenty with { Cpu = cpu };

    [Test]
    public async Task SurplusChanged_DropsThenReturns_SuspendsThenResumes()
    {
        var executor = new PreemptableExecutor();
        await using var harness = new GuestHostHarness(executor);
        var changes = 0;
        harness.Host.LoadChanged += (_, _) => Interlocked.Increment(ref changes);
        var (request, origin) = await StartOneGuestAsync(harness, executor);
        var before = Volatile.Read(ref changes);

        harness.Host.SurplusChanged(Cores(0.5));
        var suspended = harness.Host.Suspended;
        var state = harness.Host.Guests.Single().State;
        harness.Host.SurplusChanged(Plenty);

        var attempt = request.Attempt.ToString();
        Assert.Multiple(() =>
        {
            Assert.That(suspended, Is.EqualTo(1));
            Assert.That(state, Is.EqualTo(GuestAttemptState.Suspended));
            Assert.That(harness.Host.Suspended, Is.Zero);
            Assert.That(harness.Host.Guests.Single().State, Is.EqualTo(GuestAttemptState.Running));
            Assert.That(executor.Calls, Is.EqualTo(new[] { $"suspend {attempt}", $"resume {attempt}" }));
            Assert.That(Volatile.Read(ref changes) - before, Is.EqualTo(2), "LoadChanged on each change");
            Assert.That(harness.Slots.Used, Is.EqualTo(1), "the slot stays reserved");
        });
    }

    [Test]
    public async Task SurplusChanged_TwoGuestsRoomForOne_NewestSuspendedFirst()
    {
        var executor = new PreemptableExecutor();
        await using var harness = new GuestHostHarness(executor);
        var (older, newer) = await StartTwoGuestsAsync(harness, executor);

        harness.Host.SurplusChanged(Cores(1.5));
        var states = harness.Host.Guests.ToDictionary(g => g.Attempt, g => g.State);

        Assert.Multiple(() =>
        {
            Assert.That(states[older.Attempt], Is.EqualTo(GuestAttemptState.Running));
            Assert.That(states[newer.Attempt], Is.EqualTo(GuestAttemptState.Suspended));
            Assert.That(executor.Calls, Is.EqualTo(new[] { $"suspend {newer.Attempt}" }));
        });
    }

    [Test]
    public async Task SurplusChanged_NoneLeftThenBack_ResumesOldestFirst()
    {
        var executor = new PreemptableExecutor();
        await using var harness = new GuestHostHarness(executor);
        var (older, newer) = await StartTwoGuestsAsync(harness, executor);

        harness.Host.SurplusChanged(Cores(0));
        harness.Host.SurplusChanged(Plenty);

        Assert.That(executor.Calls, Is.EqualTo(new[] { $"suspend {newer.Attempt}", $"suspend {older.Attempt}", $"resume {older.Attempt}", $"resume {newer.Attempt}" }));
    }

    [Test]
    public async Task SurplusChanged_EvictMode_DeliversEvictedResultAndForgetsItOnAck()
    {
        var executor = new PreemptableExecutor();
        await using var harness = new GuestHostHarness(executor, configure: o => o.Preemption.Mode = GuestPreemptionMode.Evict);
        var request = OneCore();
        var (origin, serving) = harness.Serve(request);
        await ReadAsync(origin);
        await EventuallyAsync(() => executor.Started == 1);

        harness.Host.SurplusChanged(Cores(0));
        var (_, result) = await GuestTaskHostRunTests.ReadUntilResultAsync(origin);
        var pending = harness.Results.PendingFor(Origin).Count;
        await SendAsync(origin, new ResultAckMessage(request.Attempt, request.Task, true));
        await CompletesAsync(serving);

        Assert.Multiple(() =>
        {
            Assert.That(result.Result.Reason, Is.EqualTo(TaskEndReason.Evicted));
            Assert.That(result.Result.Outputs, Is.Empty);
            Assert.That(result.Result.ExitCode, Is.Null);
            Assert.That(pending, Is.EqualTo(1), "stored before it was sent");
            Assert.That(harness.Results.PendingFor(Origin), Is.Empty);
            Assert.That(executor.Calls, Is.Empty, "evicted at once, not suspended");
            Assert.That(harness.Host.Running, Is.Zero);
        });
    }

    [Test]
    public async Task Suspended_PastEvictAfter_Evicted()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddDays(20000));
        var executor = new PreemptableExecutor();
        await using var harness = new GuestHostHarness(executor, time: time, configure: o => o.Preemption.EvictAfter = TimeSpan.FromSeconds(30));
        var request = OneCore();
        var (origin, serving) = harness.Serve(request);
        await ReadAsync(origin);
        await EventuallyAsync(() => executor.Started == 1);
        harness.Host.SurplusChanged(Cores(0));
        var suspended = harness.Host.Suspended;

        time.Advance(TimeSpan.FromSeconds(29));
        harness.Host.SurplusChanged(Cores(0));
        var stillSuspended = harness.Host.Suspended;
        time.Advance(TimeSpan.FromSeconds(1));
        harness.Host.SurplusChanged(Cores(0));
        var (_, result) = await GuestTaskHostRunTests.ReadUntilResultAsync(origin);
        await SendAsync(origin, new ResultAckMessage(request.Attempt, request.Task, true));
        await CompletesAsync(serving);

        Assert.Multiple(() =>
        {
            Assert.That(suspended, Is.EqualTo(1));
            Assert.That(stillSuspended, Is.EqualTo(1), "evicted before EvictAfter");
            Assert.That(result.Result.Reason, Is.EqualTo(TaskEndReason.Evicted));
        });
    }

    [Test]
    public async Task Suspended_LeaseDue_KeepsRenewingIt()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddDays(20000));
        var executor = new PreemptableExecutor();
        await using var harness = new GuestHostHarness(executor, time: time, configure: o => o.Preemption.EvictAfter = TimeSpan.FromHours(1));
        var request = OneCore(TimeSpan.FromSeconds(30));
        var (origin, _) = harness.Serve(request);
        await ReadAsync(origin);
        await EventuallyAsync(() => executor.Started == 1);
        harness.Host.SurplusChanged(Cores(0));

        var renewals = new List<LeaseRenewMessage>();
        for (var i = 0; i < 2; i++)
        {
            time.Advance(TimeSpan.FromSeconds(10));
            var renew = (LeaseRenewMessage)(await ReadAsync(origin))!;
            renewals.Add(renew);
            await SendAsync(origin, new LeaseRenewedMessage(request.Attempt, renew.Until));
        }

        Assert.Multiple(() =>
        {
            Assert.That(renewals, Has.Count.EqualTo(2));
            Assert.That(renewals.All(r => r.Attempt == request.Attempt), Is.True);
            Assert.That(harness.Host.Suspended, Is.EqualTo(1));
            Assert.That(harness.Slots.Used, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task SurplusChanged_ThrottleMode_LowersQuotaThenGivesItBack()
    {
        var executor = new PreemptableExecutor();
        await using var harness = new GuestHostHarness(executor, configure: o => o.Preemption.Mode = GuestPreemptionMode.Throttle);
        var (request, origin) = await StartOneGuestAsync(harness, executor);

        harness.Host.SurplusChanged(Cores(0.5));
        var view = harness.Host.Guests.Single();
        harness.Host.SurplusChanged(Plenty);

        var attempt = request.Attempt.ToString();
        Assert.Multiple(() =>
        {
            Assert.That(view.State, Is.EqualTo(GuestAttemptState.Throttled));
            Assert.That(view.ThrottledTo, Is.EqualTo(0.5));
            Assert.That(harness.Host.Suspended, Is.Zero);
            Assert.That(executor.Calls, Is.EqualTo(new[] { $"throttle {attempt} 0.5", $"throttle {attempt} own" }));
        });
    }

    [Test]
    public async Task SurplusChanged_ThrottleModeWithoutCpuCgroup_SuspendsInstead()
    {
        var executor = new PreemptableExecutor { CanThrottle = false };
        await using var harness = new GuestHostHarness(executor, configure: o => o.Preemption.Mode = GuestPreemptionMode.Throttle);
        var (request, origin) = await StartOneGuestAsync(harness, executor);

        harness.Host.SurplusChanged(Cores(0.5));

        Assert.That(harness.Host.Suspended, Is.EqualTo(1));
    }

    [Test]
    public void Validate_NegativeEvictAfter_ThrowsNamingIt()
    {
        var options = new GuestPreemptionOptions { EvictAfter = TimeSpan.FromSeconds(-1) };

        Assert.That(options.Validate, Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains(nameof(GuestPreemptionOptions.EvictAfter)));
    }

    // Two one-core guests, the older started (running) before the newer.
    private static async Task<(RunRequestMessage Older, RunRequestMessage Newer)> StartTwoGuestsAsync(GuestHostHarness harness, PreemptableExecutor executor)
    {
        var older = OneCore();
        var newer = OneCore();
        var (originA, _) = harness.Serve(older);
        await ReadAsync(originA);
        await EventuallyAsync(() => executor.Started == 1);
        var (originB, _) = harness.Serve(newer);
        await ReadAsync(originB);
        await EventuallyAsync(() => executor.Started == 2);
        return (older, newer);
    }

    // One running one-core guest, its RunAccepted read by the played origin.
    private static async Task<(RunRequestMessage Request, Mesh.Libp2p.Channels.IDuplexChannel Origin)> StartOneGuestAsync(GuestHostHarness harness, PreemptableExecutor executor)
    {
        var request = OneCore();
        var (origin, _) = harness.Serve(request);
        await ReadAsync(origin);
        await EventuallyAsync(() => executor.Started == 1);
        return (request, origin);
    }
}
