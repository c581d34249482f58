using Mesh.Libp2p.Yamux;

namespace Mesh.Tests.Libp2p.Yamux;

/// <summary>A session (the dialer: odd ids are its own, even ids the remote's) against a raw-bytes peer.</summary>
public sealed class YamuxHostilePeerTests
{
    private const uint Window = YamuxOptions.InitialWindowSize;
    private static readonly TimeSpan Timeout = YamuxTestSessions.Timeout;

    private static readonly object[] ProtocolViolations =
    [
        new object[] { "window violation", new[] { Syn(2), Data(2, Window + 1) } },
        new object[] { "window violation after partial use", new[] { Syn(2), Data(2, Window - 10), Data(2, 11) } },
        new object[] { "SYN with the session's own parity", new[] { Syn(1) } },
        new object[] { "duplicate SYN", new[] { Syn(2), Syn(2) } },
        new object[] { "bad version", new[] { new YamuxHeader(YamuxFrameType.Ping, YamuxFlags.Syn, 0, 1, Version: 1) } },
        new object[] { "data on stream 0", new[] { Data(0, 0) } },
        new object[] { "window update on stream 0", new[] { new YamuxHeader(YamuxFrameType.WindowUpdate, YamuxFlags.None, 0, 5) } },
        new object[] { "ping on a stream", new[] { new YamuxHeader(YamuxFrameType.Ping, YamuxFlags.Syn, 2, 1) } },
        new object[] { "GoAway on a stream", new[] { new YamuxHeader(YamuxFrameType.GoAway, YamuxFlags.None, 2, 0) } },
        new object[] { "unsolicited ping ACK", new[] { new YamuxHeader(YamuxFrameType.Ping, YamuxFlags.Ack, 0, 42) } },
        new object[] { "ping with both SYN and ACK", new[] { new YamuxHeader(YamuxFrameType.Ping, YamuxFlags.Syn | YamuxFlags.Ack, 0, 1) } },
        new object[] { "unknown frame type", new[] { new YamuxHeader((YamuxFrameType)7, YamuxFlags.None, 0, 0) } },
        new object[] { "data on an unknown stream beyond any window", new[] { Data(4, 16 * 1024 * 1024 + 1) } },
    ];

    [TestCaseSource(nameof(ProtocolViolations))]
    public async Task Frames_ProtocolViolation_SendsGoAwayProtocolErrorAndFaultsCompletion(string violation, YamuxHeader[] frames)
    {
        await using var peer = RawYamuxPeer.Start();

        foreach (var frame in frames)
        {
            var payload = frame.Type == YamuxFrameType.Data && frame.Length <= Window ? new byte[frame.Length] : null;
            await peer.SendAsync(frame, payload);
        }

        var goAway = await peer.ReadUntilAsync(h => h.Type == YamuxFrameType.GoAway);
        Assert.That(goAway.Header, Is.EqualTo(new YamuxHeader(YamuxFrameType.GoAway, YamuxFlags.None, 0, (uint)YamuxGoAwayCode.ProtocolError)), violation);
        Assert.ThrowsAsync<YamuxProtocolException>(async () => await peer.Session.Completion.WaitAsync(Timeout), violation);
        Assert.That(peer.Session.CloseReason, Is.EqualTo(YamuxCloseReason.ProtocolError));
    }

    [Test]
    public async Task Frames_ProtocolViolation_FailsOpenStreamsWithSessionClosed()
    {
        await using var peer = RawYamuxPeer.Start();
        await peer.SendAsync(Syn(2));
        var stream = await peer.Session.AcceptStreamAsync().AsTask().WaitAsync(Timeout);

        await peer.SendAsync(new YamuxHeader(YamuxFrameType.Ping, YamuxFlags.Ack, 0, 9));

        var error = Assert.ThrowsAsync<YamuxSessionClosedException>(async () => await YamuxTestSessions.ReadToEndAsync(stream.Input));
        Assert.That(error!.InnerException, Is.InstanceOf<YamuxProtocolException>());
    }

    [Test]
    public async Task Ping_RawSyn_IsAnsweredWithAckOfTheSameValue()
    {
        await using var peer = RawYamuxPeer.Start();

        await peer.SendAsync(new YamuxHeader(YamuxFrameType.Ping, YamuxFlags.Syn, 0, 0xdeadbeef));

        var reply = await peer.ReadFrameAsync();
        Assert.That(reply!.Value.Header, Is.EqualTo(new YamuxHeader(YamuxFrameType.Ping, YamuxFlags.Ack, 0, 0xdeadbeef)));
    }

    [Test]
    public async Task PingAsync_PeerAnswers_Completes()
    {
        await using var peer = RawYamuxPeer.Start();

        var ping = peer.Session.PingAsync();
        var request = await peer.ReadFrameAsync();
        await peer.SendAsync(new YamuxHeader(YamuxFrameType.Ping, YamuxFlags.Ack, 0, request!.Value.Header.Length));

        Assert.That(request.Value.Header.Flags, Is.EqualTo(YamuxFlags.Syn));
        await ping.WaitAsync(Timeout);
    }

    [Test]
    public async Task Frames_ForUnknownStream_AreIgnored()
    {
        await using var peer = RawYamuxPeer.Start();

        await peer.SendAsync(Data(6, 5), new byte[5]);
        await peer.SendAsync(new YamuxHeader(YamuxFrameType.WindowUpdate, YamuxFlags.Fin, 8, 100));
        await peer.SendAsync(new YamuxHeader(YamuxFrameType.Ping, YamuxFlags.Syn, 0, 3));

        var reply = await peer.ReadFrameAsync();
        Assert.That(reply!.Value.Header, Is.EqualTo(new YamuxHeader(YamuxFrameType.Ping, YamuxFlags.Ack, 0, 3)));
        Assert.That(peer.Session.CloseReason, Is.EqualTo(YamuxCloseReason.None));
    }

    [Test]
    public async Task Syn_BeyondAcceptBacklog_IsRefusedWithRst()
    {
        var options = new YamuxOptions { KeepAliveInterval = TimeSpan.Zero, AcceptBacklog = 2 };
        await using var peer = RawYamuxPeer.Start(sessionIsClient: true, options);

        await peer.SendAsync(Syn(2));
        await peer.SendAsync(Syn(4));
        await peer.SendAsync(Syn(6));

        var refusal = await peer.ReadFrameAsync();
        Assert.That(refusal!.Value.Header, Is.EqualTo(new YamuxHeader(YamuxFrameType.WindowUpdate, YamuxFlags.Rst, 6, 0)));
        var first = await peer.Session.AcceptStreamAsync().AsTask().WaitAsync(Timeout);
        var second = await peer.Session.AcceptStreamAsync().AsTask().WaitAsync(Timeout);
        Assert.That(new[] { first.Id, second.Id }, Is.EqualTo(new[] { 2u, 4u }));
    }

    [Test]
    public async Task Syn_BeyondMaxInboundStreams_IsRefusedWithRst()
    {
        var options = new YamuxOptions { KeepAliveInterval = TimeSpan.Zero, MaxInboundStreams = 1 };
        await using var peer = RawYamuxPeer.Start(sessionIsClient: true, options);

        await peer.SendAsync(Syn(2));
        await peer.SendAsync(Syn(4));

        var refusal = await peer.ReadFrameAsync();
        Assert.That(refusal!.Value.Header, Is.EqualTo(new YamuxHeader(YamuxFrameType.WindowUpdate, YamuxFlags.Rst, 4, 0)));
    }

    [Test]
    public async Task AcceptStream_FirstFrame_CarriesAck()
    {
        await using var peer = RawYamuxPeer.Start();
        await peer.SendAsync(Syn(2));
        var stream = await peer.Session.AcceptStreamAsync().AsTask().WaitAsync(Timeout);

        await stream.Output.WriteAsync("hi"u8.ToArray());

        var first = await peer.ReadFrameAsync();
        Assert.That(first!.Value.Header.StreamId, Is.EqualTo(2u));
        Assert.That(first.Value.Header.Flags, Is.EqualTo(YamuxFlags.Ack));
    }

    [Test]
    public async Task GoAway_FromPeer_StopsOpenStreamButExistingStreamsContinue()
    {
        await using var peer = RawYamuxPeer.Start();
        var stream = await peer.Session.OpenStreamAsync();
        await peer.ReadFrameAsync();

        await peer.SendAsync(new YamuxHeader(YamuxFrameType.GoAway, YamuxFlags.None, 0, 0));
        await peer.SendAsync(new YamuxHeader(YamuxFrameType.Ping, YamuxFlags.Syn, 0, 1));
        await peer.ReadUntilAsync(h => h.Type == YamuxFrameType.Ping);
        await peer.SendAsync(Data(1, 3), "abc"u8.ToArray());
        var read = await stream.Input.ReadAtLeastAsync(3).AsTask().WaitAsync(Timeout);

        Assert.ThrowsAsync<YamuxSessionClosedException>(async () => await peer.Session.OpenStreamAsync());
        Assert.That(read.Buffer.Length, Is.EqualTo(3));
        Assert.That(peer.Session.CloseReason, Is.EqualTo(YamuxCloseReason.None));
    }

    [Test]
    public async Task GoAway_FromPeerWithError_ResetsStreamsAndEndsSession()
    {
        await using var peer = RawYamuxPeer.Start();
        var stream = await peer.Session.OpenStreamAsync();

        await peer.SendAsync(new YamuxHeader(YamuxFrameType.GoAway, YamuxFlags.None, 0, (uint)YamuxGoAwayCode.InternalError));

        var error = Assert.ThrowsAsync<YamuxSessionClosedException>(async () => await peer.Session.Completion.WaitAsync(Timeout));
        Assert.That(error!.Reason, Is.EqualTo(YamuxCloseReason.RemoteGoAway));
        Assert.ThrowsAsync<YamuxSessionClosedException>(async () => await stream.Input.ReadAsync());
    }

    [Test]
    public async Task Rst_FromPeer_FailsReadsAndWritesWithReset()
    {
        await using var peer = RawYamuxPeer.Start();
        var stream = await peer.Session.OpenStreamAsync();

        await peer.SendAsync(new YamuxHeader(YamuxFrameType.WindowUpdate, YamuxFlags.Rst, 1, 0));

        Assert.ThrowsAsync<YamuxStreamResetException>(async () => await stream.Input.ReadAsync().AsTask().WaitAsync(Timeout));
        Assert.ThrowsAsync<YamuxStreamResetException>(async () => await stream.Output.WriteAsync(new byte[1]));
    }

    [Test]
    public async Task Rst_FromPeerWhileWriterWaitsForWindow_FailsTheWrite()
    {
        await using var peer = RawYamuxPeer.Start();
        var stream = await peer.Session.OpenStreamAsync();
        var write = stream.Output.WriteAsync(new byte[Window + 1]).AsTask();
        for (var total = 0u; total < Window;)
        {
            total += (await peer.ReadUntilAsync(h => h.Type == YamuxFrameType.Data)).Header.Length;
        }

        await peer.SendAsync(new YamuxHeader(YamuxFrameType.WindowUpdate, YamuxFlags.Rst, 1, 0));

        Assert.ThrowsAsync<YamuxStreamResetException>(async () => await write.WaitAsync(Timeout));
    }

    [Test]
    public async Task Eof_FromPeer_EndsSessionAndFailsStreams()
    {
        var peer = RawYamuxPeer.Start();
        var stream = await peer.Session.OpenStreamAsync();

        await peer.CloseRawWriteAsync();

        await peer.Session.Completion.WaitAsync(Timeout);
        Assert.That(peer.Session.CloseReason, Is.EqualTo(YamuxCloseReason.RemoteClose));
        Assert.ThrowsAsync<YamuxSessionClosedException>(async () => await stream.Input.ReadAsync());
        await peer.DisposeAsync();
    }

    [Test]
    public async Task Bytes_RandomGarbage_EndTheSessionWithoutCrashing()
    {
        var random = new Random(99);
        for (var i = 0; i < 20; i++)
        {
            await using var peer = RawYamuxPeer.Start();
            var bytes = new byte[random.Next(12, 400)];
            random.NextBytes(bytes);

            await peer.SendRawAsync(bytes);
            await peer.CloseRawWriteAsync();

            await peer.Session.Completion.ContinueWith(_ => { }, TaskScheduler.Default).WaitAsync(Timeout);
            Assert.That(peer.Session.CloseReason, Is.Not.EqualTo(YamuxCloseReason.None));
        }
    }

    private static YamuxHeader Syn(uint id) => new(YamuxFrameType.WindowUpdate, YamuxFlags.Syn, id, 0);

    private static YamuxHeader Data(uint id, uint length) => new(YamuxFrameType.Data, YamuxFlags.None, id, length);
}
