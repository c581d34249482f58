using Mesh.Libp2p.Protocols.Ping;
using Mesh.Tests.Libp2p.Multistream;
using Microsoft.Extensions.Time.Testing;

namespace Mesh.Tests.Libp2p.Protocols.Ping;

public sealed class PingProtocolTests
{
    private static byte[] Bytes(int count, int seed)
    {
        var bytes = new byte[count];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    [Test]
    public async Task RespondAsync_Each32Bytes_EchoedBeforeEndOfStream()
    {
        var (pinger, responder) = ChannelPair.Create();
        var responding = PingProtocol.RespondAsync(responder);

        // js's connection monitor writes 32 bytes and waits for them: no FIN comes first.
        var first = Bytes(32, 1);
        await pinger.Output.SendAsync(first);
        Assert.That(await pinger.Input.ReadExactlyAsync(32), Is.EqualTo(first));

        var two = Bytes(64, 2);
        await pinger.Output.SendAsync(two);
        Assert.That(await pinger.Input.ReadExactlyAsync(64), Is.EqualTo(two));

        var split = Bytes(32, 3);
        await pinger.Output.SendAsync(split[..5]);
        await pinger.Output.SendAsync(split[5..]);
        Assert.That(await pinger.Input.ReadExactlyAsync(32), Is.EqualTo(split));
        Assert.That(responding.IsCompleted, Is.False);

        await pinger.Output.CompleteAsync();
        await responding.Bounded();
        Assert.That(await pinger.Input.ReadToEndAsync(), Is.Empty);
    }

    [Test]
    public async Task RespondAsync_PartialPingAtEnd_IsDroppedAndStreamClosed()
    {
        var (pinger, responder) = ChannelPair.Create();
        var responding = PingProtocol.RespondAsync(responder);

        var bytes = Bytes(40, 4);
        await pinger.Output.SendAsync(bytes);
        await pinger.Output.CompleteAsync();
        await responding.Bounded();

        Assert.That(await pinger.Input.ReadToEndAsync(), Is.EqualTo(bytes[..32]));
    }

    [Test]
    public void RespondAsync_Canceled_Stops()
    {
        var (_, responder) = ChannelPair.Create();
        using var cancel = new CancellationTokenSource();

        var responding = PingProtocol.RespondAsync(responder, cancel.Token);
        cancel.Cancel();

        Assert.That(async () => await responding.Bounded(), Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task PingAsync_AgainstRespondAsync_RepeatsOnOneStreamThenCloses()
    {
        var time = new FakeTimeProvider();
        var (pinger, responder) = ChannelPair.Create();
        var responding = PingProtocol.RespondAsync(responder);

        var first = await PingProtocol.PingAsync(pinger, time).Bounded();
        var second = await PingProtocol.PingAsync(pinger, time).Bounded();
        var last = await PingProtocol.PingOnceAsync(pinger, time).Bounded();
        await responding.Bounded();

        // The fake clock never moved, so every round trip measures zero.
        Assert.That(new[] { first, second, last }, Is.All.EqualTo(TimeSpan.Zero));
        Assert.That(await pinger.Input.ReadToEndAsync(), Is.Empty);
    }

    [Test]
    public async Task PingAsync_RoundTrip_MeasuredOnTheGivenClock()
    {
        var time = new FakeTimeProvider();
        var (pinger, peer) = ChannelPair.Create();

        var pinging = PingProtocol.PingAsync(pinger, time);
        var sent = await peer.Input.ReadExactlyAsync(32);
        time.Advance(TimeSpan.FromMilliseconds(42));
        await peer.Output.SendAsync(sent);

        Assert.That(await pinging.Bounded(), Is.EqualTo(TimeSpan.FromMilliseconds(42)));
    }

    [Test]
    public async Task PingAsync_SendsFreshRandomBytesEachTime()
    {
        var (pinger, peer) = ChannelPair.Create();

        var firstPing = PingProtocol.PingAsync(pinger, TimeProvider.System);
        var first = await peer.Input.ReadExactlyAsync(32);
        await peer.Output.SendAsync(first);
        await firstPing.Bounded();
        var secondPing = PingProtocol.PingAsync(pinger, TimeProvider.System);
        var second = await peer.Input.ReadExactlyAsync(32);
        await peer.Output.SendAsync(second);
        await secondPing.Bounded();

        Assert.That(second, Is.Not.EqualTo(first));
    }

    [Test]
    public async Task PingAsync_EchoDiffers_ThrowsPingException()
    {
        var (pinger, peer) = ChannelPair.Create();

        var pinging = PingProtocol.PingAsync(pinger, TimeProvider.System);
        var sent = await peer.Input.ReadExactlyAsync(32);
        sent[17] ^= 0x01;
        await peer.Output.SendAsync(sent);

        Assert.ThrowsAsync<PingException>(async () => await pinging.Bounded());
    }

    [Test]
    public async Task PingAsync_StreamEndsBeforeFullEcho_ThrowsPingException()
    {
        var (pinger, peer) = ChannelPair.Create();

        var pinging = PingProtocol.PingAsync(pinger, TimeProvider.System);
        var sent = await peer.Input.ReadExactlyAsync(32);
        await peer.Output.SendAsync(sent[..31]);
        await peer.Output.CompleteAsync();

        Assert.ThrowsAsync<PingException>(async () => await pinging.Bounded());
    }
}
