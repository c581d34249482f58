using Mesh.Core.Tasks;
using Mesh.Core.Tasks.Wire;
using static Mesh.Tests.Core.Remote.Guests.GuestHostHarness;

namespace Mesh.Tests.Core.Remote.Guests;

public sealed class GuestTaskHostRedeliveryTests
{
    [Test]
    public async Task ServeAsync_StreamBreaksBeforeResultAck_ResultKeptAndRedeliveredWithLeaseRenewFirst()
    {
        // A long backoff: only OriginConnected can make the redelivery happen within the test.
        await using var harness = new GuestHostHarness(FakeExecutor.Exiting(4), configure: options =>
        {
            options.RedeliveryMinBackoff = TimeSpan.FromHours(1);
            options.RedeliveryMaxBackoff = TimeSpan.FromHours(1);
        });
        await harness.Host.StartAsync();
        var request = Request("true");
        var (origin, serving) = harness.Serve(request);
        await ReadAsync(origin);
        await GuestTaskHostRunTests.ReadUntilResultAsync(origin);

        origin.Abort();
        await CompletesAsync(serving);

        Assert.That(harness.Results.PendingFor(Origin), Has.Count.EqualTo(1), "kept after the break");

        harness.Host.OriginConnected(Origin);
        var stream = await harness.Transport.NextAsync();
        var first = (LeaseRenewMessage)(await ReadAsync(stream))!;
        await SendAsync(stream, new LeaseRenewedMessage(request.Attempt, first.Until));
        await SendAsync(stream, new OutputCreditMessage(request.Attempt, 1 << 20));
        var result = (RunResultMessage)(await ReadAsync(stream))!;
        await SendAsync(stream, new ResultAckMessage(request.Attempt, request.Task, true));
        await EventuallyAsync(() => harness.Results.PendingFor(Origin).Count == 0);

        Assert.That(first.Attempt, Is.EqualTo(request.Attempt));
        Assert.That(result.Result.ExitCode, Is.EqualTo(4));
        Assert.That(harness.Transport.Peers, Is.EqualTo(new[] { Origin }));
        Assert.That(await ReadAsync(stream), Is.Null, "the executor closes its side after the ack");
    }

    [Test]
    public async Task StartAsync_ResultStoredByAPreviousRun_RedeliveredAndOutputFileSent()
    {
        await using var harness = new GuestHostHarness(FakeExecutor.Exiting());
        var request = Request("true");
        var folder = Path.Combine(harness.Options.WorkDirectory, Origin, $"{request.Task}.{request.Attempt}");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "out.txt"), "kept");
        var stored = new TaskResult
        {
            Reason = TaskEndReason.Exited,
            ExitCode = 0,
            Outputs = [new TaskOutputFile("out.txt", GuestTaskHostInputTests.Sha("kept"u8.ToArray()), 4)],
        };
        harness.Results.Put(request.Task, request.Attempt, Origin, stored);

        await harness.Host.StartAsync();
        var stream = await harness.Transport.NextAsync();
        var first = await ReadAsync(stream);
        await SendAsync(stream, new LeaseRenewedMessage(request.Attempt, DateTimeOffset.UtcNow));
        await SendAsync(stream, new OutputCreditMessage(request.Attempt, 1 << 20));
        var result = (RunResultMessage)(await ReadAsync(stream))!;
        var file = (OutputFileDataMessage)(await ReadAsync(stream))!;
        await SendAsync(stream, new ResultAckMessage(request.Attempt, request.Task, true));
        await EventuallyAsync(() => harness.Results.PendingFor(Origin).Count == 0);

        Assert.That(first, Is.TypeOf<LeaseRenewMessage>());
        Assert.That(result.Result, Is.EqualTo(stored).Using<TaskResult>((a, b) => a.ExitCode == b.ExitCode && a.Outputs.SequenceEqual(b.Outputs)));
        Assert.That(file.Name, Is.EqualTo("out.txt"));
        Assert.That(file.Data.ToArray(), Is.EqualTo("kept"u8.ToArray()));
        Assert.That(file.Last, Is.True);
        await EventuallyAsync(() => !Directory.Exists(folder));
    }

    [Test]
    public async Task Redelivery_LeaseLost_ForgetsTheResult()
    {
        await using var harness = new GuestHostHarness(FakeExecutor.Exiting());
        var request = Request("true");
        Directory.CreateDirectory(Path.Combine(harness.Options.WorkDirectory, Origin, $"{request.Task}.{request.Attempt}"));
        harness.Results.Put(request.Task, request.Attempt, Origin, new TaskResult { Reason = TaskEndReason.Exited, ExitCode = 0 });

        await harness.Host.StartAsync();
        var stream = await harness.Transport.NextAsync();
        await ReadAsync(stream);
        await SendAsync(stream, new LeaseLostMessage(request.Attempt, "already requeued"));
        await EventuallyAsync(() => harness.Results.PendingFor(Origin).Count == 0);

        await EventuallyAsync(() => !Directory.Exists(Path.Combine(harness.Options.WorkDirectory, Origin)));
    }

    [Test]
    public async Task Redelivery_OriginUnreachable_KeepsTheResultAndTriesAgainWhenConnected()
    {
        await using var harness = new GuestHostHarness(FakeExecutor.Exiting(), configure: options =>
        {
            options.RedeliveryMinBackoff = TimeSpan.FromHours(1);
            options.RedeliveryMaxBackoff = TimeSpan.FromHours(1);
        });
        var request = Request("true");
        Directory.CreateDirectory(Path.Combine(harness.Options.WorkDirectory, Origin, $"{request.Task}.{request.Attempt}"));
        harness.Results.Put(request.Task, request.Attempt, Origin, new TaskResult { Reason = TaskEndReason.Exited, ExitCode = 0 });
        harness.Transport.Unreachable = true;

        await harness.Host.StartAsync();
        await EventuallyAsync(() => harness.Transport.Peers.Count == 1);
        harness.Transport.Unreachable = false;
        harness.Host.OriginConnected(Origin);
        var stream = await harness.Transport.NextAsync();

        Assert.That(await ReadAsync(stream), Is.TypeOf<LeaseRenewMessage>());
        Assert.That(harness.Results.PendingFor(Origin), Has.Count.EqualTo(1));
    }
}
