using Mesh.Core.Remote.Guests;
using Mesh.Core.Resources;
using Mesh.Core.Tasks;
using Mesh.Core.Tasks.Wire;
using static Mesh.Tests.Core.Remote.Guests.GuestHostHarness;

namespace Mesh.Tests.Core.Remote.Guests;

public sealed class GuestTaskHostRefusalTests
{
    [Test]
    public async Task ServeAsync_OriginNotAllowed_RefusedNotAllowed()
    {
        var policy = new GuestPolicy { AllowedPeers = new HashSet<string> { "12D3KooWA4Xop1JaT3MHxwYMkCepYsv4iPVopMXwCz5iHYdBfeSB" } };
        var refused = await RefusalAsync(new GuestHostHarness(FakeExecutor.Exiting(), policy), Request("true"));

        Assert.That(refused.Reason, Is.EqualTo(RunRefusalReason.NotAllowed));
        Assert.That(refused.Message, Does.Contain("not allowed"));
    }

    [Test]
    public async Task ServeAsync_OverTheGuestLimit_RefusedNotAllowed()
    {
        var policy = new GuestPolicy { MaxPerTask = ResourceSpec.Empty with { Cpu = 1 } };
        var spec = new TaskSpec { Argv = ["true"], Resources = new ResourceVector(2, 0, 0, 0) };
        var refused = await RefusalAsync(new GuestHostHarness(FakeExecutor.Exiting(), policy), Request(spec));

        Assert.That(refused.Reason, Is.EqualTo(RunRefusalReason.NotAllowed));
        Assert.That(refused.Message, Does.Contain("cpu=2"));
    }

    [Test]
    public async Task ServeAsync_BadSpec_RefusedBadSpec()
    {
        var spec = new TaskSpec { Argv = ["true"], Timeout = TimeSpan.FromDays(30) };
        var refused = await RefusalAsync(new GuestHostHarness(FakeExecutor.Exiting()), Request(spec));

        Assert.That(refused.Reason, Is.EqualTo(RunRefusalReason.BadSpec));
        Assert.That(refused.Message, Does.Contain("timeout"));
    }

    [Test]
    public async Task ServeAsync_InputsOverTheLimit_RefusedBadSpec()
    {
        var spec = new TaskSpec { Argv = ["true"], Inputs = [new TaskInputFile("big", new string('a', 64), 2000)] };
        var refused = await RefusalAsync(new GuestHostHarness(FakeExecutor.Exiting(), configure: options => options.MaxInputBytes = 1000), Request(spec));

        Assert.That(refused.Reason, Is.EqualTo(RunRefusalReason.BadSpec));
    }

    [Test]
    public async Task ServeAsync_MoreMemoryThanTheSurplus_RefusedNoCapacity()
    {
        var spec = new TaskSpec { Argv = ["true"], Resources = new ResourceVector(1, 2L << 30, 0, 0) };
        var harness = new GuestHostHarness(FakeExecutor.Exiting(), surplus: new ResourceVector(4, 1L << 30, 0, 0));
        var refused = await RefusalAsync(harness, Request(spec));

        Assert.That(refused.Reason, Is.EqualTo(RunRefusalReason.NoCapacity));
    }

    [Test]
    public async Task ServeAsync_SlotsTaken_RefusedNoCapacityAndSlotsUntouched()
    {
        var harness = new GuestHostHarness(FakeExecutor.Exiting());
        using var taken = harness.Slots.TryTake(new ResourceVector(4, 0, 0, 0));
        var refused = await RefusalAsync(harness, Request("true"));

        Assert.That(refused.Reason, Is.EqualTo(RunRefusalReason.NoCapacity));
        Assert.That(harness.Slots.Holders, Is.EqualTo(1));
    }

    [Test]
    public async Task ServeAsync_HostDisposed_RefusedShuttingDown()
    {
        var harness = new GuestHostHarness(FakeExecutor.Exiting());
        await harness.Host.DisposeAsync();
        var refused = await RefusalAsync(harness, Request("true"));

        Assert.That(refused.Reason, Is.EqualTo(RunRefusalReason.ShuttingDown));
    }

    private static async Task<RunRefusedMessage> RefusalAsync(GuestHostHarness harness, RunRequestMessage request)
    {
        await using (harness)
        {
            var (origin, serving) = harness.Serve(request);
            var messages = await ReadToEndAsync(origin);
            await CompletesAsync(serving);
            Assert.That(messages, Has.Count.EqualTo(1), "the refusal, then the executor closes its side");
            var refused = (RunRefusedMessage)messages[0];
            Assert.That(refused.Attempt, Is.EqualTo(request.Attempt));
            Assert.That(harness.Host.Running, Is.Zero);
            return refused;
        }
    }
}
