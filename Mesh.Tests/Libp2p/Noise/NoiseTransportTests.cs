using System.Buffers.Binary;
using System.Security.Cryptography;
using Mesh.Libp2p.Identity;
using Mesh.Libp2p.Noise;

namespace Mesh.Tests.Libp2p.Noise;

/// <summary>The secured channel's transport framing against a scripted peer that sees the raw frames.</summary>
public sealed class NoiseTransportTests
{
    [Test]
    public async Task Write_LargerThanOneFrame_SplitsIntoFullFramesAndArrivesIntact()
    {
        var (secured, peer) = await ConnectToScriptedResponderAsync();
        await using (secured)
        using (peer)
        {
            var data = RandomNumberGenerator.GetBytes((2 * NoiseFrame.MaxPlaintextLength) + 1000);
            var copy = data.ToArray();

            // The in-memory pipe applies back-pressure at 64 KiB, so the peer reads while the write is under way.
            var write = secured.Output.WriteAsync(data).AsTask();
            var frames = new[] { await peer.ReceiveAsync(), await peer.ReceiveAsync(), await peer.ReceiveAsync() };
            await write;

            Assert.Multiple(() =>
            {
                Assert.That(frames.Select(f => f.Length), Is.EqualTo(new[] { NoiseFrame.MaxPlaintextLength, NoiseFrame.MaxPlaintextLength, 1000 }));
                Assert.That(frames.SelectMany(f => f).ToArray(), Is.EqualTo(copy));
                Assert.That(data, Is.EqualTo(copy), "the caller's buffer must not be changed");
            });
        }
    }

    [Test]
    public async Task Write_SeveralSmallWritesThenOneFlush_SendsOneFrame()
    {
        var (secured, peer) = await ConnectToScriptedResponderAsync();
        await using (secured)
        using (peer)
        {
            for (var i = 0; i < 10; i++)
            {
                "0123456789"u8.CopyTo(secured.Output.GetSpan(10));
                secured.Output.Advance(10);
            }

            await secured.Output.FlushAsync();
            var frame = await peer.ReceiveAsync();

            Assert.That(frame, Has.Length.EqualTo(100));
        }
    }

    [Test]
    public async Task Read_ManyFramesInOneChunk_DeliversThemInOrder()
    {
        var (secured, peer) = await ConnectToScriptedResponderAsync();
        await using (secured)
        using (peer)
        {
            var messages = Enumerable.Range(0, 50).Select(i => RandomNumberGenerator.GetBytes(i * 1300)).ToArray();
            var read = NoiseSecurityTests.ReadAllAsync(secured);
            foreach (var message in messages)
            {
                NoiseFrame.Write(peer.Raw.Output, peer.Seal(message));
            }

            await peer.Raw.Output.FlushAsync();
            await peer.Raw.CloseWriteAsync();

            // Compare digests: NUnit's element-wise comparison of megabyte arrays is slow.
            Assert.That(SHA256.HashData(await read), Is.EqualTo(SHA256.HashData(messages.SelectMany(m => m).ToArray())));
        }
    }

    [Test]
    public async Task Read_EmptyPlaintextFrame_IsSkippedNotEndOfStream()
    {
        var (secured, peer) = await ConnectToScriptedResponderAsync();
        await using (secured)
        using (peer)
        {
            await peer.SendAsync([]);
            await peer.SendAsync("after"u8.ToArray());
            await peer.Raw.CloseWriteAsync();

            Assert.That(await NoiseSecurityTests.ReadAllAsync(secured), Is.EqualTo("after"u8.ToArray()));
        }
    }

    [Test]
    public async Task Read_DataCoalescedWithMessage3_IsNotLost()
    {
        var (local, remote) = ChannelPair.Create();
        using var peer = new ScriptedNoisePeer(remote);
        var identity = IdentityKey.Generate();
        var handshake = NoiseSecurity.SecureInboundAsync(local, IdentityKey.Generate(), []);

        await peer.InitiateAsync(staticKey => ScriptedNoisePeer.HonestPayload(identity, staticKey), "early bytes"u8.ToArray());
        await using var secured = await handshake;
        await peer.Raw.CloseWriteAsync();

        Assert.That(await NoiseSecurityTests.ReadAllAsync(secured), Is.EqualTo("early bytes"u8.ToArray()));
    }

    [TestCase(0)]
    [TestCase(4)]
    [TestCase(20)]
    public async Task Read_TamperedFrame_ThrowsNoiseTransportExceptionEveryTime(int flippedByte)
    {
        var (secured, peer) = await ConnectToScriptedResponderAsync();
        await using (secured)
        using (peer)
        {
            await peer.SendAsync("hello, tampered world"u8.ToArray(), message => message[flippedByte] ^= 0x01);

            Assert.ThrowsAsync<NoiseTransportException>(async () => await secured.Input.ReadAsync());
            Assert.ThrowsAsync<NoiseTransportException>(async () => await secured.Input.ReadAsync());
        }
    }

    [Test]
    public async Task Read_FrameShorterThanTag_ThrowsNoiseTransportException()
    {
        var (secured, peer) = await ConnectToScriptedResponderAsync();
        await using (secured)
        using (peer)
        {
            await peer.WriteFrameAsync(new byte[15]);

            Assert.ThrowsAsync<NoiseTransportException>(async () => await secured.Input.ReadAsync());
        }
    }

    [Test]
    public async Task Read_ConnectionEndsInsideFrame_ThrowsNoiseTransportException()
    {
        var (secured, peer) = await ConnectToScriptedResponderAsync();
        await using (secured)
        using (peer)
        {
            var frame = peer.Seal("cut short"u8.ToArray());
            var header = new byte[2];
            BinaryPrimitives.WriteUInt16BigEndian(header, (ushort)frame.Length);
            await peer.Raw.Output.WriteAsync(header.Concat(frame.Take(10)).ToArray());
            await peer.Raw.CloseWriteAsync();

            Assert.ThrowsAsync<NoiseTransportException>(async () => await NoiseSecurityTests.ReadAllAsync(secured));
        }
    }

    [Test]
    public async Task Read_PendingWhenTokenCancelled_ThrowsOperationCanceled()
    {
        var (secured, peer) = await ConnectToScriptedResponderAsync();
        await using (secured)
        using (peer)
        {
            using var cancellation = new CancellationTokenSource();
            var read = secured.Input.ReadAsync(cancellation.Token);
            await cancellation.CancelAsync();

            Assert.That(async () => await read, Throws.InstanceOf<OperationCanceledException>());
        }
    }

    [Test]
    public async Task Write_Burst_PeerDecryptsEveryFrameInOrder()
    {
        var (secured, peer) = await ConnectToScriptedResponderAsync();
        await using (secured)
        using (peer)
        {
            for (var i = 0; i < 5; i++)
            {
                await secured.Output.WriteAsync(new[] { (byte)i });
            }

            var received = new List<byte>();
            for (var i = 0; i < 5; i++)
            {
                received.AddRange(await peer.ReceiveAsync());
            }

            Assert.That(received, Is.EqualTo(new byte[] { 0, 1, 2, 3, 4 }));
        }
    }

    private static async Task<(NoiseSecuredChannel Secured, ScriptedNoisePeer Peer)> ConnectToScriptedResponderAsync()
    {
        var (local, remote) = ChannelPair.Create();
        var peer = new ScriptedNoisePeer(remote);
        var identity = IdentityKey.Generate();
        var handshake = NoiseSecurity.SecureOutboundAsync(local, IdentityKey.Generate(), [], identity.PeerId);
        await peer.RespondAsync(staticKey => ScriptedNoisePeer.HonestPayload(identity, staticKey));
        return (await handshake, peer);
    }
}
