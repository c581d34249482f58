using System.Security.Cryptography;
using Mesh.Libp2p.Yamux;
using Microsoft.Extensions.Time.Testing;

namespace Mesh.Tests.Libp2p.Yamux;

public sealed class YamuxFlowControlTests
{
    private const int Window = (int)YamuxOptions.InitialWindowSize;
    private static readonly TimeSpan Timeout = YamuxTestSessions.Timeout;

    [Test]
    public async Task Transfer_ManyTimesTheWindowEachWay_ArrivesIntact()
    {
        // Keepalive on: its first ping measures the round trip, which lets the windows grow.
        var options = new YamuxOptions();
        await using var sessions = YamuxTestSessions.Start(options, options);
        var upload = RandomNumberGenerator.GetBytes(6 * 1024 * 1024 + 123);
        var download = RandomNumberGenerator.GetBytes(3 * 1024 * 1024 + 7);

        var opened = await sessions.Client.OpenStreamAsync();
        var sending = Task.Run(async () =>
        {
            for (var offset = 0; offset < upload.Length; offset += 100_000)
            {
                await opened.Output.WriteAsync(upload.AsMemory(offset, Math.Min(100_000, upload.Length - offset)));
            }

            await opened.CloseWriteAsync();
        });
        var accepted = await sessions.Server.AcceptStreamAsync().AsTask().WaitAsync(Timeout);
        var replying = Task.Run(async () =>
        {
            await accepted.Output.WriteAsync(download);
            await accepted.CloseWriteAsync();
        });

        var received = await YamuxTestSessions.ReadToEndAsync(accepted.Input);
        var receivedBack = await YamuxTestSessions.ReadToEndAsync(opened.Input);
        await Task.WhenAll(sending, replying).WaitAsync(Timeout);

        Assert.Multiple(() =>
        {
            Assert.That(SHA256.HashData(received), Is.EqualTo(SHA256.HashData(upload)));
            Assert.That(SHA256.HashData(receivedBack), Is.EqualTo(SHA256.HashData(download)));
        });
    }

    [Test]
    public async Task SlowConsumer_WriterBlocksAtTheWindow_UntilTheReaderConsumes()
    {
        await using var sessions = YamuxTestSessions.Start();
        var opened = await sessions.Client.OpenStreamAsync();
        var payload = RandomNumberGenerator.GetBytes(4 * Window);
        var write = opened.Output.WriteAsync(payload).AsTask();
        var accepted = await sessions.Server.AcceptStreamAsync().AsTask().WaitAsync(Timeout);

        // Wait until a whole window arrived, without consuming it.
        var result = await accepted.Input.ReadAtLeastAsync(Window).AsTask().WaitAsync(Timeout);
        accepted.Input.AdvanceTo(result.Buffer.Start);

        Assert.Multiple(() =>
        {
            Assert.That(result.Buffer.Length, Is.EqualTo(Window));
            Assert.That(accepted.BufferedBytes, Is.EqualTo(Window));
            Assert.That(opened.SendWindow, Is.Zero);
            Assert.That(write.IsCompleted, Is.False);
        });

        var finish = Task.Run(async () =>
        {
            await write;
            await opened.CloseWriteAsync();
        });
        var all = await YamuxTestSessions.ReadToEndAsync(accepted.Input);
        await finish.WaitAsync(Timeout);
        Assert.That(all.AsSpan().SequenceEqual(payload), Is.True);
    }

    [Test]
    public async Task Consume_WithKnownRoundTrip_GrantsAndDoublesTheWindow()
    {
        var time = new FakeTimeProvider();
        var options = new YamuxOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) };
        await using var peer = RawYamuxPeer.Start(sessionIsClient: true, options, time);

        // Answer the session's first keepalive ping: the round trip becomes known (0 on the fake clock).
        var ping = await peer.ReadUntilAsync(h => h.Type == YamuxFrameType.Ping);
        await peer.SendAsync(new YamuxHeader(YamuxFrameType.Ping, YamuxFlags.Ack, 0, ping.Header.Length));
        await WaitUntilAsync(() => peer.Session.RoundTripTime is not null);

        await peer.SendAsync(new YamuxHeader(YamuxFrameType.WindowUpdate, YamuxFlags.Syn, 2, 0));
        await peer.SendAsync(new YamuxHeader(YamuxFrameType.Data, YamuxFlags.None, 2, (uint)Window), new byte[Window]);
        var stream = await peer.Session.AcceptStreamAsync().AsTask().WaitAsync(Timeout);
        var result = await stream.Input.ReadAtLeastAsync(Window).AsTask().WaitAsync(Timeout);
        stream.Input.AdvanceTo(result.Buffer.End);

        var update = await peer.ReadUntilAsync(h => h.Type == YamuxFrameType.WindowUpdate && h.Length > 0);
        Assert.Multiple(() =>
        {
            Assert.That(update.Header.StreamId, Is.EqualTo(2u));
            Assert.That(update.Header.Length, Is.EqualTo((uint)(2 * Window)), "the consumed window plus the doubling");
            Assert.That(stream.ReceiveWindow, Is.EqualTo((uint)(2 * Window)));
        });
    }

    [Test]
    public async Task Consume_WithoutRoundTrip_GrantsOnceHalfTheWindowIsConsumed()
    {
        await using var peer = RawYamuxPeer.Start();
        await peer.SendAsync(new YamuxHeader(YamuxFrameType.WindowUpdate, YamuxFlags.Syn, 2, 0));
        var stream = await peer.Session.AcceptStreamAsync().AsTask().WaitAsync(Timeout);
        var ack = await peer.ReadFrameAsync();

        await peer.SendAsync(new YamuxHeader(YamuxFrameType.Data, YamuxFlags.None, 2, 1000), new byte[1000]);
        await peer.SendAsync(new YamuxHeader(YamuxFrameType.Data, YamuxFlags.None, 2, (uint)(Window / 2)), new byte[Window / 2]);
        var first = await stream.Input.ReadAtLeastAsync(1000).AsTask().WaitAsync(Timeout);
        stream.Input.AdvanceTo(first.Buffer.GetPosition(1000));
        var rest = await stream.Input.ReadAtLeastAsync(Window / 2).AsTask().WaitAsync(Timeout);
        stream.Input.AdvanceTo(rest.Buffer.End);

        var update = await peer.ReadFrameAsync();
        Assert.Multiple(() =>
        {
            Assert.That(ack!.Value.Header, Is.EqualTo(new YamuxHeader(YamuxFrameType.WindowUpdate, YamuxFlags.Ack, 2, 0)));
            Assert.That(update!.Value.Header, Is.EqualTo(new YamuxHeader(YamuxFrameType.WindowUpdate, YamuxFlags.None, 2, (uint)(Window / 2) + 1000)), "one batched update, no growth");
        });
    }

    [Test]
    public async Task Send_GrowingWindowFromPeer_SplitsFramesToTheWindowAndFrameSize()
    {
        var options = new YamuxOptions { KeepAliveInterval = TimeSpan.Zero, MaxSendFrameSize = 100_000 };
        await using var peer = RawYamuxPeer.Start(sessionIsClient: true, options);
        var stream = await peer.Session.OpenStreamAsync();
        var write = stream.Output.WriteAsync(new byte[Window + 50_000]).AsTask();

        var syn = await peer.ReadFrameAsync();
        var lengths = new List<uint>();
        for (var total = 0u; total < Window;)
        {
            var frame = await peer.ReadUntilAsync(h => h.Type == YamuxFrameType.Data);
            lengths.Add(frame.Header.Length);
            total += frame.Header.Length;
        }

        Assert.That(write.IsCompleted, Is.False);
        await peer.SendAsync(new YamuxHeader(YamuxFrameType.WindowUpdate, YamuxFlags.Ack, 1, 30_000));
        lengths.Add((await peer.ReadUntilAsync(h => h.Type == YamuxFrameType.Data)).Header.Length);
        await peer.SendAsync(new YamuxHeader(YamuxFrameType.WindowUpdate, YamuxFlags.None, 1, 1_000_000));
        lengths.Add((await peer.ReadUntilAsync(h => h.Type == YamuxFrameType.Data)).Header.Length);
        await write.WaitAsync(Timeout);

        Assert.Multiple(() =>
        {
            Assert.That(syn!.Value.Header, Is.EqualTo(new YamuxHeader(YamuxFrameType.WindowUpdate, YamuxFlags.Syn, 1, 0)));
            Assert.That(lengths, Is.EqualTo(new uint[] { 100_000, 100_000, (uint)Window - 200_000, 30_000, 20_000 }));
        });
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
