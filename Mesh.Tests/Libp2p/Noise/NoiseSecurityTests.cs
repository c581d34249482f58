using System.Security.Cryptography;
using Mesh.Libp2p.Identity;
using Mesh.Libp2p.Noise;

namespace Mesh.Tests.Libp2p.Noise;

/// <summary>Two real ends over an in-memory channel pair, with fresh random keys.</summary>
public sealed class NoiseSecurityTests
{
    private const string Yamux = "/yamux/1.0.0";

    [Test]
    public async Task Handshake_TwoEnds_EachLearnsTheOthersIdentityAndMuxers()
    {
        var dialer = IdentityKey.Generate();
        var listener = IdentityKey.Generate();

        var (outbound, inbound) = await ConnectAsync(dialer, listener, [Yamux], [Yamux, "/mplex/6.7.0"]);
        await using (outbound)
        await using (inbound)
        {
            Assert.Multiple(() =>
            {
                Assert.That(outbound.RemotePeer, Is.EqualTo(listener.PeerId));
                Assert.That(outbound.RemotePublicKey, Is.EqualTo(listener.PublicKey));
                Assert.That(outbound.RemoteMuxers, Is.EqualTo(new[] { Yamux, "/mplex/6.7.0" }));
                Assert.That(inbound.RemotePeer, Is.EqualTo(dialer.PeerId));
                Assert.That(inbound.RemoteMuxers, Is.EqualTo(new[] { Yamux }));
                Assert.That(outbound.HandshakeHash.ToArray(), Is.EqualTo(inbound.HandshakeHash.ToArray()));
            });
        }
    }

    [Test]
    public async Task Handshake_OneSideOffersNoMuxers_OtherSideSeesAnEmptyList()
    {
        var (outbound, inbound) = await ConnectAsync(IdentityKey.Generate(), IdentityKey.Generate(), [], [Yamux]);
        await using (outbound)
        await using (inbound)
        {
            Assert.Multiple(() =>
            {
                Assert.That(inbound.RemoteMuxers, Is.Empty);
                Assert.That(outbound.RemoteMuxers, Is.EqualTo(new[] { Yamux }));
            });
        }
    }

    [Test]
    public async Task Transfer_SeveralMegabytesBothWays_ArrivesIntact()
    {
        var (outbound, inbound) = await ConnectAsync(IdentityKey.Generate(), IdentityKey.Generate(), [Yamux], [Yamux]);
        await using (outbound)
        await using (inbound)
        {
            var up = RandomNumberGenerator.GetBytes(3 * 1024 * 1024 + 12345);
            var down = RandomNumberGenerator.GetBytes(2 * 1024 * 1024 + 777);

            var results = await Task.WhenAll(
                SendThenCloseAsync(outbound, up, seed: 1),
                SendThenCloseAsync(inbound, down, seed: 2),
                ReadToEndAsync(inbound),
                ReadToEndAsync(outbound));

            Assert.Multiple(() =>
            {
                Assert.That(results[2], Is.EqualTo(SHA256.HashData(up)), "dialer -> listener");
                Assert.That(results[3], Is.EqualTo(SHA256.HashData(down)), "listener -> dialer");
            });
        }
    }

    [Test]
    public async Task CloseWrite_AfterData_RemoteReadsDataThenCompletionAndCanStillSend()
    {
        var (outbound, inbound) = await ConnectAsync(IdentityKey.Generate(), IdentityKey.Generate(), [], []);
        await using (outbound)
        await using (inbound)
        {
            await outbound.Output.WriteAsync("last words"u8.ToArray());
            await outbound.CloseWriteAsync();
            var received = await ReadAllAsync(inbound);

            await inbound.Output.WriteAsync("reply"u8.ToArray());
            await inbound.CloseWriteAsync();
            var reply = await ReadAllAsync(outbound);

            Assert.Multiple(() =>
            {
                Assert.That(received, Is.EqualTo("last words"u8.ToArray()));
                Assert.That(reply, Is.EqualTo("reply"u8.ToArray()));
            });
        }
    }

    [Test]
    public async Task Abort_SecuredChannel_AbortsInnerAndFailsLaterWrites()
    {
        var (left, right) = ChannelPair.Create();
        var listener = IdentityKey.Generate();
        var inbound = NoiseSecurity.SecureInboundAsync(right, listener, []);
        await using var outbound = await NoiseSecurity.SecureOutboundAsync(left, IdentityKey.Generate(), [], listener.PeerId);
        await using var _ = await inbound;

        outbound.Abort();

        Assert.Multiple(() =>
        {
            Assert.That(left.Aborted, Is.True);
            Assert.That(async () => await outbound.Output.WriteAsync(new byte[] { 1 }), Throws.InstanceOf<IOException>());
        });
    }

    [Test]
    public async Task DisposeAsync_SecuredChannel_DisposesInnerSoRemoteSeesEnd()
    {
        var (outbound, inbound) = await ConnectAsync(IdentityKey.Generate(), IdentityKey.Generate(), [], []);
        await using (inbound)
        {
            await outbound.Output.WriteAsync("bye"u8.ToArray());
            await outbound.DisposeAsync();

            Assert.That(await ReadAllAsync(inbound), Is.EqualTo("bye"u8.ToArray()));
        }
    }

    [Test]
    public async Task SecureOutbound_ExpectedPeerDiffers_ThrowsPeerIdMismatch()
    {
        var (local, remote) = ChannelPair.Create();
        var responder = NoiseSecurity.SecureInboundAsync(remote, IdentityKey.Generate(), []);

        var ex = Assert.ThrowsAsync<NoiseHandshakeException>(() =>
            NoiseSecurity.SecureOutboundAsync(local, IdentityKey.Generate(), [], IdentityKey.Generate().PeerId));

        Assert.That(ex!.Reason, Is.EqualTo(NoiseHandshakeFailure.PeerIdMismatch));
        await local.DisposeAsync();
        Assert.ThrowsAsync<NoiseHandshakeException>(async () => await responder);
    }

    [Test]
    public async Task SecureOutbound_ResponderSignsWithAnotherKey_ThrowsBadSignature()
    {
        var (local, remote) = ChannelPair.Create();
        using var hostile = new ScriptedNoisePeer(remote);
        var claimed = IdentityKey.Generate();
        var signer = IdentityKey.Generate();
        var handshake = NoiseSecurity.SecureOutboundAsync(local, IdentityKey.Generate(), [Yamux], claimed.PeerId);

        var respond = hostile.RespondAsync(staticKey => new NoiseHandshakePayload
        {
            IdentityKey = claimed.PublicKey.ToProtobuf(),
            IdentitySignature = ScriptedNoisePeer.HonestPayload(signer, staticKey).IdentitySignature,
        });

        var ex = Assert.ThrowsAsync<NoiseHandshakeException>(async () => await handshake);
        Assert.That(ex!.Reason, Is.EqualTo(NoiseHandshakeFailure.BadSignature));
        await local.DisposeAsync();
        Assert.ThrowsAsync<NoiseHandshakeException>(async () => await respond);
    }

    [Test]
    public async Task SecureInbound_InitiatorSignsAnotherStaticKey_ThrowsBadSignature()
    {
        var (local, remote) = ChannelPair.Create();
        using var hostile = new ScriptedNoisePeer(remote);
        var identity = IdentityKey.Generate();
        var handshake = NoiseSecurity.SecureInboundAsync(local, IdentityKey.Generate(), [Yamux]);

        await hostile.InitiateAsync(_ => ScriptedNoisePeer.HonestPayload(identity, RandomNumberGenerator.GetBytes(32)));

        var ex = Assert.ThrowsAsync<NoiseHandshakeException>(async () => await handshake);
        Assert.That(ex!.Reason, Is.EqualTo(NoiseHandshakeFailure.BadSignature));
    }

    [Test]
    public async Task SecureInbound_PayloadWithoutSignature_ThrowsMalformedPayload()
    {
        var (local, remote) = ChannelPair.Create();
        using var hostile = new ScriptedNoisePeer(remote);
        var identity = IdentityKey.Generate();
        var handshake = NoiseSecurity.SecureInboundAsync(local, IdentityKey.Generate(), []);

        await hostile.InitiateAsync(_ => new NoiseHandshakePayload { IdentityKey = identity.PublicKey.ToProtobuf() });

        var ex = Assert.ThrowsAsync<NoiseHandshakeException>(async () => await handshake);
        Assert.That(ex!.Reason, Is.EqualTo(NoiseHandshakeFailure.MalformedPayload));
    }

    [TestCase(0)]
    [TestCase(31)]
    [TestCase(33)]
    [TestCase(80)]
    public async Task SecureInbound_Message1OfWrongLength_ThrowsMalformedMessage(int length)
    {
        var (local, remote) = ChannelPair.Create();
        var handshake = NoiseSecurity.SecureInboundAsync(local, IdentityKey.Generate(), []);

        await new ScriptedNoisePeer(remote).WriteFrameAsync(RandomNumberGenerator.GetBytes(length));

        var ex = Assert.ThrowsAsync<NoiseHandshakeException>(async () => await handshake);
        Assert.That(ex!.Reason, Is.EqualTo(NoiseHandshakeFailure.MalformedMessage));
    }

    [Test]
    public async Task SecureOutbound_GarbageMessage2_ThrowsDecryptFailed()
    {
        var (local, remote) = ChannelPair.Create();
        var peer = new ScriptedNoisePeer(remote);
        var handshake = NoiseSecurity.SecureOutboundAsync(local, IdentityKey.Generate(), [], null);

        await peer.ReadFrameAsync();
        await peer.WriteFrameAsync(RandomNumberGenerator.GetBytes(216));

        var ex = Assert.ThrowsAsync<NoiseHandshakeException>(async () => await handshake);
        Assert.That(ex!.Reason, Is.EqualTo(NoiseHandshakeFailure.DecryptFailed));
    }

    [Test]
    public async Task SecureOutbound_RemoteClosesMidHandshake_ThrowsConnectionClosed()
    {
        var (local, remote) = ChannelPair.Create();
        var handshake = NoiseSecurity.SecureOutboundAsync(local, IdentityKey.Generate(), [], null);

        await new ScriptedNoisePeer(remote).ReadFrameAsync();
        await remote.Output.WriteAsync(new byte[] { 0x00, 0xd8, 0x01 });
        await remote.CloseWriteAsync();

        var ex = Assert.ThrowsAsync<NoiseHandshakeException>(async () => await handshake);
        Assert.That(ex!.Reason, Is.EqualTo(NoiseHandshakeFailure.ConnectionClosed));
    }

    [Test]
    public async Task SecureOutbound_CancelledWhileWaitingForMessage2_ThrowsOperationCanceled()
    {
        var (local, remote) = ChannelPair.Create();
        using var cancellation = new CancellationTokenSource();
        var handshake = NoiseSecurity.SecureOutboundAsync(local, IdentityKey.Generate(), [], null, cancellation.Token);

        await new ScriptedNoisePeer(remote).ReadFrameAsync();
        await cancellation.CancelAsync();

        Assert.That(async () => await handshake, Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public void SecureInbound_CancelledWhileWaitingForMessage1_ThrowsOperationCanceled()
    {
        var (local, _) = ChannelPair.Create();
        using var cancellation = new CancellationTokenSource();
        var handshake = NoiseSecurity.SecureInboundAsync(local, IdentityKey.Generate(), [], cancellation.Token);

        cancellation.Cancel();

        Assert.That(async () => await handshake, Throws.InstanceOf<OperationCanceledException>());
    }

    internal static async Task<(NoiseSecuredChannel Outbound, NoiseSecuredChannel Inbound)> ConnectAsync(
        IdentityKey dialer, IdentityKey listener, string[] dialerMuxers, string[] listenerMuxers)
    {
        var (left, right) = ChannelPair.Create();
        var inbound = NoiseSecurity.SecureInboundAsync(right, listener, listenerMuxers);
        var outbound = await NoiseSecurity.SecureOutboundAsync(left, dialer, dialerMuxers, listener.PeerId);
        return (outbound, await inbound);
    }

    internal static async Task<byte[]> ReadAllAsync(NoiseSecuredChannel channel)
    {
        using var buffer = new MemoryStream();
        await channel.Input.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    private static async Task<byte[]> SendThenCloseAsync(NoiseSecuredChannel channel, byte[] data, int seed)
    {
        // Mixed write sizes: tiny writes, writes of exactly a frame, and writes of several frames.
        var random = new Random(seed);
        var sizes = new[] { 1, 12, 1000, NoiseFrame.MaxPlaintextLength, NoiseFrame.MaxPlaintextLength + 1, 200_000, 700_000 };
        var offset = 0;
        while (offset < data.Length)
        {
            var count = Math.Min(sizes[random.Next(sizes.Length)], data.Length - offset);
            if (random.Next(2) == 0)
            {
                await channel.Output.WriteAsync(data.AsMemory(offset, count));
            }
            else
            {
                data.AsSpan(offset, count).CopyTo(channel.Output.GetSpan(count));
                channel.Output.Advance(count);
                await channel.Output.FlushAsync();
            }

            offset += count;
        }

        await channel.CloseWriteAsync();
        return [];
    }

    private static async Task<byte[]> ReadToEndAsync(NoiseSecuredChannel channel) => SHA256.HashData(await ReadAllAsync(channel));
}
