using System.Buffers;
using Mesh.Libp2p.Yamux;

namespace Mesh.Tests.Libp2p.Yamux;

public sealed class YamuxSessionTests
{
    private static readonly TimeSpan Timeout = YamuxTestSessions.Timeout;

    [Test]
    public async Task OpenStream_ClientAndServer_UseOddAndEvenIds()
    {
        await using var sessions = YamuxTestSessions.Start();

        var first = await sessions.Client.OpenStreamAsync();
        var second = await sessions.Client.OpenStreamAsync();
        var fromServer = await sessions.Server.OpenStreamAsync();

        Assert.Multiple(() =>
        {
            Assert.That(first.Id, Is.EqualTo(1u));
            Assert.That(second.Id, Is.EqualTo(3u));
            Assert.That(fromServer.Id, Is.EqualTo(2u));
            Assert.That(first.IsOutbound, Is.True);
        });
    }

    [Test]
    public async Task OpenAndAccept_EchoFromEachSide_RoundTrips()
    {
        await using var sessions = YamuxTestSessions.Start();

        await AssertEchoAsync(sessions.Client, sessions.Server, "from the dialer");
        await AssertEchoAsync(sessions.Server, sessions.Client, "from the listener");
    }

    [Test]
    public async Task CloseWrite_ByOpener_AcceptorReadsEndAndStillWrites()
    {
        await using var sessions = YamuxTestSessions.Start();
        var opened = await sessions.Client.OpenStreamAsync();
        await YamuxTestSessions.WriteAsync(opened.Output, "request"u8.ToArray());
        await opened.CloseWriteAsync();
        var accepted = await sessions.Server.AcceptStreamAsync().AsTask().WaitAsync(Timeout);

        var request = await YamuxTestSessions.ReadToEndAsync(accepted.Input);
        await YamuxTestSessions.WriteAsync(accepted.Output, "response"u8.ToArray());
        await accepted.CloseWriteAsync();
        var response = await YamuxTestSessions.ReadToEndAsync(opened.Input);

        Assert.Multiple(() =>
        {
            Assert.That(System.Text.Encoding.ASCII.GetString(request), Is.EqualTo("request"));
            Assert.That(System.Text.Encoding.ASCII.GetString(response), Is.EqualTo("response"));
        });
    }

    [Test]
    public async Task CloseWrite_ByAcceptorFirst_OpenerReadsEndAndStillWrites()
    {
        await using var sessions = YamuxTestSessions.Start();
        var opened = await sessions.Client.OpenStreamAsync();
        await YamuxTestSessions.WriteAsync(opened.Output, "x"u8.ToArray());
        var accepted = await sessions.Server.AcceptStreamAsync().AsTask().WaitAsync(Timeout);
        await accepted.CloseWriteAsync();

        var fromAcceptor = await YamuxTestSessions.ReadToEndAsync(opened.Input);
        await YamuxTestSessions.WriteAsync(opened.Output, "yz"u8.ToArray());
        await opened.CloseWriteAsync();
        var fromOpener = await YamuxTestSessions.ReadToEndAsync(accepted.Input);

        Assert.Multiple(() =>
        {
            Assert.That(fromAcceptor, Is.Empty);
            Assert.That(System.Text.Encoding.ASCII.GetString(fromOpener), Is.EqualTo("xyz"));
        });
    }

    [Test]
    public async Task OutputCompleteAsync_AfterWriting_RemoteReadsDataThenEnd()
    {
        await using var sessions = YamuxTestSessions.Start();
        var opened = await sessions.Client.OpenStreamAsync();
        opened.Output.Write("done"u8);

        await opened.Output.CompleteAsync();

        var accepted = await sessions.Server.AcceptStreamAsync().AsTask().WaitAsync(Timeout);
        Assert.That(await YamuxTestSessions.ReadToEndAsync(accepted.Input), Is.EqualTo("done"u8.ToArray()));
        Assert.Throws<InvalidOperationException>(() => opened.Output.GetSpan());
    }

    [Test]
    public async Task OutputCompleteAsync_OnResetStream_DoesNotThrow()
    {
        await using var sessions = YamuxTestSessions.Start();
        var opened = await sessions.Client.OpenStreamAsync();
        opened.Abort();

        Assert.DoesNotThrowAsync(async () => await opened.Output.CompleteAsync());
        Assert.DoesNotThrowAsync(async () => await opened.DisposeAsync());
    }

    [Test]
    public async Task CloseWrite_BothSides_RemovesTheStreamFromBothSessions()
    {
        await using var sessions = YamuxTestSessions.Start();
        var opened = await sessions.Client.OpenStreamAsync();
        await opened.CloseWriteAsync();
        var accepted = await sessions.Server.AcceptStreamAsync().AsTask().WaitAsync(Timeout);
        await YamuxTestSessions.ReadToEndAsync(accepted.Input);
        await accepted.CloseWriteAsync();
        await YamuxTestSessions.ReadToEndAsync(opened.Input);

        Assert.Multiple(() =>
        {
            Assert.That(sessions.Client.StreamCount, Is.Zero);
            Assert.That(sessions.Server.StreamCount, Is.Zero);
        });
    }

    [Test]
    public async Task Abort_ByOpener_AcceptorReadAndWriteFailWithReset()
    {
        await using var sessions = YamuxTestSessions.Start();
        var opened = await sessions.Client.OpenStreamAsync();
        await YamuxTestSessions.WriteAsync(opened.Output, "hi"u8.ToArray());
        var accepted = await sessions.Server.AcceptStreamAsync().AsTask().WaitAsync(Timeout);

        opened.Abort();

        Assert.ThrowsAsync<YamuxStreamResetException>(async () => await YamuxTestSessions.ReadToEndAsync(accepted.Input));
        Assert.ThrowsAsync<YamuxStreamResetException>(async () => await accepted.Output.WriteAsync("late"u8.ToArray()));
        Assert.ThrowsAsync<YamuxStreamResetException>(async () => await opened.Input.ReadAsync());
    }

    [Test]
    public async Task Abort_ByAcceptor_OpenerReadFailsWithReset()
    {
        await using var sessions = YamuxTestSessions.Start();
        var opened = await sessions.Client.OpenStreamAsync();
        await YamuxTestSessions.WriteAsync(opened.Output, "hi"u8.ToArray());
        var accepted = await sessions.Server.AcceptStreamAsync().AsTask().WaitAsync(Timeout);

        accepted.Abort();

        Assert.ThrowsAsync<YamuxStreamResetException>(async () => await YamuxTestSessions.ReadToEndAsync(opened.Input));
    }

    [Test]
    public async Task OpenStream_ManyConcurrentEchoes_AllRoundTrip()
    {
        await using var sessions = YamuxTestSessions.Start();
        var server = Task.Run(async () =>
        {
            var handlers = new List<Task>();
            for (var i = 0; i < 100; i++)
            {
                var stream = await sessions.Server.AcceptStreamAsync();
                handlers.Add(Task.Run(async () =>
                {
                    var request = await YamuxTestSessions.ReadToEndAsync(stream.Input);
                    await stream.Output.WriteAsync(request);
                    await stream.DisposeAsync();
                }));
            }

            await Task.WhenAll(handlers);
        });

        var clients = Enumerable.Range(0, 100).Select(i => Task.Run(async () =>
        {
            await using var stream = await sessions.Client.OpenStreamAsync();
            var payload = Enumerable.Range(0, 1000 + i).Select(b => (byte)(b * i)).ToArray();
            await stream.Output.WriteAsync(payload);
            await stream.CloseWriteAsync();
            var echoed = await YamuxTestSessions.ReadToEndAsync(stream.Input);
            return echoed.AsSpan().SequenceEqual(payload);
        })).ToArray();

        var results = await Task.WhenAll(clients).WaitAsync(Timeout);
        await server.WaitAsync(Timeout);
        Assert.That(results, Is.All.True);
    }

    [Test]
    public async Task PingAsync_BetweenSessions_ReturnsRoundTrip()
    {
        await using var sessions = YamuxTestSessions.Start();

        var roundTrip = await sessions.Client.PingAsync().WaitAsync(Timeout);

        Assert.That(roundTrip, Is.GreaterThanOrEqualTo(TimeSpan.Zero));
        Assert.That(sessions.Client.RoundTripTime, Is.EqualTo(roundTrip));
    }

    [Test]
    public async Task DisposeAsync_Session_RemoteStreamsFailAndCompletionSucceeds()
    {
        var sessions = YamuxTestSessions.Start();
        var opened = await sessions.Client.OpenStreamAsync();
        await YamuxTestSessions.WriteAsync(opened.Output, "x"u8.ToArray());
        var accepted = await sessions.Server.AcceptStreamAsync().AsTask().WaitAsync(Timeout);

        await sessions.Client.DisposeAsync();

        await sessions.Client.Completion.WaitAsync(Timeout);
        await sessions.Server.Completion.WaitAsync(Timeout);
        Assert.Multiple(() =>
        {
            Assert.That(sessions.Client.CloseReason, Is.EqualTo(YamuxCloseReason.LocalClose));
            Assert.That(sessions.Server.CloseReason, Is.EqualTo(YamuxCloseReason.RemoteClose));
        });
        var error = Assert.ThrowsAsync<YamuxSessionClosedException>(async () => await YamuxTestSessions.ReadToEndAsync(accepted.Input));
        Assert.That(error!.Reason, Is.EqualTo(YamuxCloseReason.RemoteClose));
        Assert.ThrowsAsync<YamuxSessionClosedException>(async () => await sessions.Server.AcceptStreamAsync());
        Assert.ThrowsAsync<YamuxSessionClosedException>(async () => await sessions.Client.OpenStreamAsync());
        await sessions.Server.DisposeAsync();
    }

    [Test]
    public async Task GoAwayAsync_Sent_RemoteCannotOpenAndExistingStreamsContinue()
    {
        await using var sessions = YamuxTestSessions.Start();
        var opened = await sessions.Client.OpenStreamAsync();
        await YamuxTestSessions.WriteAsync(opened.Output, "before"u8.ToArray());
        var accepted = await sessions.Server.AcceptStreamAsync().AsTask().WaitAsync(Timeout);

        await sessions.Server.GoAwayAsync();
        await sessions.Client.PingAsync().WaitAsync(Timeout);
        await YamuxTestSessions.WriteAsync(opened.Output, " after"u8.ToArray());
        await opened.CloseWriteAsync();

        Assert.ThrowsAsync<YamuxSessionClosedException>(async () => await sessions.Client.OpenStreamAsync());
        Assert.ThrowsAsync<YamuxSessionClosedException>(async () => await sessions.Server.OpenStreamAsync());
        Assert.That(System.Text.Encoding.ASCII.GetString(await YamuxTestSessions.ReadToEndAsync(accepted.Input)), Is.EqualTo("before after"));
    }

    private static async Task AssertEchoAsync(YamuxSession opener, YamuxSession acceptor, string text)
    {
        var opened = await opener.OpenStreamAsync();
        await YamuxTestSessions.WriteAsync(opened.Output, System.Text.Encoding.ASCII.GetBytes(text));
        await opened.CloseWriteAsync();

        var accepted = await acceptor.AcceptStreamAsync().AsTask().WaitAsync(Timeout);
        Assert.That(accepted.Id, Is.EqualTo(opened.Id));
        var received = await YamuxTestSessions.ReadToEndAsync(accepted.Input);
        await YamuxTestSessions.WriteAsync(accepted.Output, received);
        await accepted.CloseWriteAsync();

        var echoed = await YamuxTestSessions.ReadToEndAsync(opened.Input);
        Assert.That(System.Text.Encoding.ASCII.GetString(echoed), Is.EqualTo(text));
        await opened.DisposeAsync();
        await accepted.DisposeAsync();
    }
}
