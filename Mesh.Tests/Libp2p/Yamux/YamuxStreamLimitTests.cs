using Mesh.Libp2p.Yamux;
using Microsoft.Extensions.Time.Testing;

namespace Mesh.Tests.Libp2p.Yamux;

public sealed class YamuxStreamLimitTests
{
    private static readonly TimeSpan Timeout = YamuxTestSessions.Timeout;

    [Test]
    public async Task OpenStream_UnacknowledgedBacklogFull_WaitsForAnAck()
    {
        var options = new YamuxOptions { KeepAliveInterval = TimeSpan.Zero, MaxUnacknowledgedOutboundStreams = 2 };
        await using var peer = RawYamuxPeer.Start(sessionIsClient: true, options);
        await peer.Session.OpenStreamAsync();
        await peer.Session.OpenStreamAsync();

        var third = peer.Session.OpenStreamAsync().AsTask();
        await peer.ReadFrameAsync();
        await peer.ReadFrameAsync();
        Assert.That(third.IsCompleted, Is.False);
        await peer.SendAsync(new YamuxHeader(YamuxFrameType.WindowUpdate, YamuxFlags.Ack, 1, 0));

        var stream = await third.WaitAsync(Timeout);
        Assert.That(stream.Id, Is.EqualTo(5u));
    }

    [Test]
    public async Task OpenStream_UnacknowledgedBacklogFull_CancelsWithTheToken()
    {
        var options = new YamuxOptions { KeepAliveInterval = TimeSpan.Zero, MaxUnacknowledgedOutboundStreams = 1 };
        await using var peer = RawYamuxPeer.Start(sessionIsClient: true, options);
        await peer.Session.OpenStreamAsync();
        using var cancellation = new CancellationTokenSource();

        var second = peer.Session.OpenStreamAsync(cancellation.Token).AsTask();
        await cancellation.CancelAsync();

        Assert.CatchAsync<OperationCanceledException>(async () => await second.WaitAsync(Timeout));
    }

    [Test]
    public async Task OpenStream_BeyondMaxOutboundStreams_ThrowsLimit()
    {
        var options = new YamuxOptions { KeepAliveInterval = TimeSpan.Zero, MaxOutboundStreams = 1 };
        await using var sessions = YamuxTestSessions.Start(options);
        await sessions.Client.OpenStreamAsync();

        Assert.ThrowsAsync<YamuxStreamLimitException>(async () => await sessions.Client.OpenStreamAsync());
    }

    [Test]
    public async Task DisposeStream_RemoteStillOpen_SendsFinThenRstAfterStreamCloseTimeout()
    {
        var time = new FakeTimeProvider();
        var options = new YamuxOptions { KeepAliveInterval = TimeSpan.Zero, StreamCloseTimeout = TimeSpan.FromSeconds(30) };
        await using var peer = RawYamuxPeer.Start(sessionIsClient: true, options, time);
        var stream = await peer.Session.OpenStreamAsync();
        await stream.Output.WriteAsync("bye"u8.ToArray());

        await stream.DisposeAsync();
        var frames = new List<YamuxHeader>
        {
            (await peer.ReadFrameAsync())!.Value.Header,
            (await peer.ReadFrameAsync())!.Value.Header,
            (await peer.ReadFrameAsync())!.Value.Header,
        };
        time.Advance(TimeSpan.FromSeconds(30));
        var reset = await peer.ReadFrameAsync();

        Assert.Multiple(() =>
        {
            Assert.That(frames, Is.EqualTo(new[]
            {
                new YamuxHeader(YamuxFrameType.WindowUpdate, YamuxFlags.Syn, 1, 0),
                new YamuxHeader(YamuxFrameType.Data, YamuxFlags.None, 1, 3),
                new YamuxHeader(YamuxFrameType.WindowUpdate, YamuxFlags.Fin, 1, 0),
            }));
            Assert.That(reset!.Value.Header, Is.EqualTo(new YamuxHeader(YamuxFrameType.WindowUpdate, YamuxFlags.Rst, 1, 0)));
            Assert.That(peer.Session.StreamCount, Is.Zero);
        });
    }

    [Test]
    public async Task DisposeStream_RemoteFinsInTime_RemovesWithoutRst()
    {
        var time = new FakeTimeProvider();
        var options = new YamuxOptions { KeepAliveInterval = TimeSpan.Zero, StreamCloseTimeout = TimeSpan.FromSeconds(30) };
        await using var peer = RawYamuxPeer.Start(sessionIsClient: true, options, time);
        var stream = await peer.Session.OpenStreamAsync();
        await stream.DisposeAsync();

        // The SYN and the FIN go out together or apart, depending on when the write loop runs.
        var fin = await peer.ReadUntilAsync(h => (h.Flags & YamuxFlags.Fin) != 0);
        Assert.That(fin.Header.StreamId, Is.EqualTo(1u));

        await peer.SendAsync(new YamuxHeader(YamuxFrameType.WindowUpdate, YamuxFlags.Ack | YamuxFlags.Fin, 1, 0));
        await peer.SendAsync(new YamuxHeader(YamuxFrameType.Ping, YamuxFlags.Syn, 0, 1));
        await peer.ReadFrameAsync();
        time.Advance(TimeSpan.FromSeconds(30));
        await peer.SendAsync(new YamuxHeader(YamuxFrameType.Ping, YamuxFlags.Syn, 0, 2));

        var next = await peer.ReadFrameAsync();
        Assert.That(next!.Value.Header, Is.EqualTo(new YamuxHeader(YamuxFrameType.Ping, YamuxFlags.Ack, 0, 2)), "no RST before the ping reply");
        Assert.That(peer.Session.StreamCount, Is.Zero);
    }

    [Test]
    public async Task CancelPendingFlush_WhileWaitingForWindow_ReturnsCanceledResult()
    {
        await using var peer = RawYamuxPeer.Start();
        var stream = await peer.Session.OpenStreamAsync();
        var flush = stream.Output.WriteAsync(new byte[YamuxOptions.InitialWindowSize + 10]).AsTask();
        for (var total = 0u; total < YamuxOptions.InitialWindowSize;)
        {
            total += (await peer.ReadUntilAsync(h => h.Type == YamuxFrameType.Data)).Header.Length;
        }

        stream.Output.CancelPendingFlush();

        var result = await flush.WaitAsync(Timeout);
        Assert.That(result.IsCanceled, Is.True);
    }
}
