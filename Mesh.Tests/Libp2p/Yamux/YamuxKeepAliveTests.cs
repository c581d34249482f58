using Mesh.Libp2p.Yamux;
using Microsoft.Extensions.Time.Testing;

namespace Mesh.Tests.Libp2p.Yamux;

public sealed class YamuxKeepAliveTests
{
    private static readonly TimeSpan Timeout = YamuxTestSessions.Timeout;

    [Test]
    public async Task Start_KeepAliveOn_PingsAtOnceThenEveryInterval()
    {
        var time = new FakeTimeProvider();
        await using var peer = RawYamuxPeer.Start(sessionIsClient: false, new YamuxOptions(), time);

        var first = await peer.ReadFrameAsync();
        await peer.SendAsync(new YamuxHeader(YamuxFrameType.Ping, YamuxFlags.Ack, 0, first!.Value.Header.Length));
        await WaitUntilAsync(() => peer.Session.RoundTripTime is not null);
        time.Advance(TimeSpan.FromSeconds(30));
        var second = await peer.ReadFrameAsync();

        Assert.Multiple(() =>
        {
            Assert.That(first.Value.Header, Is.EqualTo(new YamuxHeader(YamuxFrameType.Ping, YamuxFlags.Syn, 0, 0)));
            Assert.That(second!.Value.Header, Is.EqualTo(new YamuxHeader(YamuxFrameType.Ping, YamuxFlags.Syn, 0, 1)));
        });
    }

    [Test]
    public async Task KeepAlive_PingUnanswered_ClosesSessionAfterPingTimeout()
    {
        var time = new FakeTimeProvider();
        var options = new YamuxOptions { PingTimeout = TimeSpan.FromSeconds(5) };
        await using var peer = RawYamuxPeer.Start(sessionIsClient: true, options, time);
        await peer.ReadFrameAsync();

        time.Advance(TimeSpan.FromSeconds(5));

        var error = Assert.ThrowsAsync<YamuxSessionClosedException>(async () => await peer.Session.Completion.WaitAsync(Timeout));
        Assert.That(error!.Reason, Is.EqualTo(YamuxCloseReason.KeepAliveTimeout));
    }

    [Test]
    public async Task PingAsync_ReplyAfterDelay_MeasuresTheRoundTrip()
    {
        var time = new FakeTimeProvider();
        await using var peer = RawYamuxPeer.Start(sessionIsClient: true, YamuxTestSessions.QuietOptions(), time);

        var ping = peer.Session.PingAsync();
        var request = await peer.ReadFrameAsync();
        time.Advance(TimeSpan.FromMilliseconds(7));
        await peer.SendAsync(new YamuxHeader(YamuxFrameType.Ping, YamuxFlags.Ack, 0, request!.Value.Header.Length));

        Assert.That(await ping.WaitAsync(Timeout), Is.EqualTo(TimeSpan.FromMilliseconds(7)));
    }

    [Test]
    public async Task PingAsync_NoReply_ThrowsTimeoutAndALateReplyIsNoError()
    {
        var time = new FakeTimeProvider();
        await using var peer = RawYamuxPeer.Start(sessionIsClient: true, YamuxTestSessions.QuietOptions(), time);

        var ping = peer.Session.PingAsync();
        var request = await peer.ReadFrameAsync();
        time.Advance(new YamuxOptions().PingTimeout);

        Assert.ThrowsAsync<TimeoutException>(async () => await ping.WaitAsync(Timeout));
        await peer.SendAsync(new YamuxHeader(YamuxFrameType.Ping, YamuxFlags.Ack, 0, request!.Value.Header.Length));
        await peer.SendAsync(new YamuxHeader(YamuxFrameType.Ping, YamuxFlags.Syn, 0, 5));
        await peer.ReadFrameAsync();
        Assert.That(peer.Session.CloseReason, Is.EqualTo(YamuxCloseReason.None));
    }

    [Test]
    public async Task WriteTimeout_PeerNeverReads_ClosesSession()
    {
        var time = new FakeTimeProvider();
        var options = new YamuxOptions { KeepAliveInterval = TimeSpan.Zero, WriteTimeout = TimeSpan.FromSeconds(3) };
        await using var peer = RawYamuxPeer.Start(sessionIsClient: true, options, time);
        var stream = await peer.Session.OpenStreamAsync();

        // A whole window is more than the in-memory channel buffers before its writer pauses.
        var write = stream.Output.WriteAsync(new byte[YamuxOptions.InitialWindowSize]).AsTask();
        var deadline = DateTime.UtcNow + Timeout;
        while (!peer.Session.Completion.IsCompleted && DateTime.UtcNow < deadline)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(5);
        }

        var error = Assert.ThrowsAsync<YamuxSessionClosedException>(async () => await peer.Session.Completion.WaitAsync(Timeout));
        Assert.That(error!.Reason, Is.EqualTo(YamuxCloseReason.WriteTimeout));
        Assert.ThrowsAsync<YamuxSessionClosedException>(async () => await write.WaitAsync(Timeout));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "condition not reached");
            await Task.Delay(5);
        }
    }
}
