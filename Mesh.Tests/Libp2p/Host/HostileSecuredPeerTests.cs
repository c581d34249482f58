using System.Buffers;
using System.Buffers.Binary;
using System.Net.Sockets;
using Mesh.Libp2p.Channels;
using Mesh.Libp2p.Host;
using Mesh.Libp2p.Identity;
using Mesh.Libp2p.Multistream;
using Mesh.Libp2p.Noise;

namespace Mesh.Tests.Libp2p.Host;

/// <summary>Hostile peers that get past TCP and speak Noise themselves: a forged identity, a yamux window violation.</summary>
[TestFixture]
[CancelAfter(30_000)]
public sealed class HostileSecuredPeerTests
{
    [Test]
    public async Task Host_NoiseSignatureByAnotherKey_ClosesAndKeepsServing()
    {
        await using var host = await TestHost.StartAsync();
        await using var channel = await ConnectRawAsync(host);
        await MultistreamSelect.SelectAsync(channel, [NoiseSecurity.ProtocolId]);
        var claimed = IdentityKey.Generate();
        var signer = IdentityKey.Generate();
        var staticKey = NoiseKeyPair.Generate();
        using var state = new NoiseXXHandshakeState(isInitiator: true, staticKey, NoiseKeyPair.Generate());

        await NoiseHandshakeIo.WriteMessageAsync(channel.Output, state.WriteMessage1(), CancellationToken.None);
        state.ReadMessage2(await NoiseHandshakeIo.ReadMessageAsync(channel.Input, CancellationToken.None));
        var forged = new NoiseHandshakePayload
        {
            IdentityKey = claimed.PublicKey.ToProtobuf(),
            IdentitySignature = signer.Sign([.. "noise-libp2p-static-key:"u8, .. staticKey.PublicKey]),
        };
        await NoiseHandshakeIo.WriteMessageAsync(channel.Output, state.WriteMessage3(forged.Encode()), CancellationToken.None);

        Assert.That(await ReadsToEndAsync(channel), Is.True, "the host should close the connection");
        Assert.That(await LogCapture.WaitForAsync(TimeSpan.FromSeconds(5), "[503]", "signature"), Is.Not.Null);
        Assert.That(host.ConnectedPeers, Is.Empty);
        await AssertStillServesAsync(host);
    }

    [Test]
    public async Task Host_YamuxWindowViolation_SendsGoAwayClosesAndKeepsServing()
    {
        await using var host = await TestHost.StartAsync();
        await using var channel = await ConnectRawAsync(host);
        await MultistreamSelect.SelectAsync(channel, [NoiseSecurity.ProtocolId]);
        var identity = IdentityKey.Generate();
        await using var secured = await NoiseSecurity.SecureOutboundAsync(channel, identity, ["/yamux/1.0.0"], host.PeerId);

        // Early muxer negotiation chose yamux: open stream 1, then send more than its 256 KiB window.
        await secured.Output.WriteAsync(YamuxHeader(type: 1, flags: 1, streamId: 1, length: 0));
        var oversized = 256 * 1024 + 1;
        await secured.Output.WriteAsync(YamuxHeader(type: 0, flags: 0, streamId: 1, length: (uint)oversized));
        await secured.Output.WriteAsync(new byte[oversized]);

        Assert.That(await LogCapture.WaitForAsync(TimeSpan.FromSeconds(5), "[502]", identity.PeerId.ToString(), "window"), Is.Not.Null);
        Assert.That(await ReadsUntilGoAwayAsync(secured), Is.EqualTo(1u), "GoAway with code 1 (protocol error)");
        await AssertStillServesAsync(host);
    }

    private static async Task<StreamChannel> ConnectRawAsync(Libp2pHost host)
    {
        host.Address().TryGetTcpEndPoint(out var endPoint);
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(endPoint!);
        return new StreamChannel(new NetworkStream(socket, ownsSocket: true), () => ValueTask.CompletedTask, () => socket.Close(0));
    }

    private static byte[] YamuxHeader(byte type, ushort flags, uint streamId, uint length)
    {
        var header = new byte[12];
        header[1] = type;
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(2), flags);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), streamId);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(8), length);
        return header;
    }

    /// <summary>Reads yamux frames until a GoAway arrives; returns its code.</summary>
    private static async Task<uint?> ReadsUntilGoAwayAsync(IDuplexChannel secured)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var read = await secured.Input.ReadAsync(timeout.Token);
            var buffer = read.Buffer;
            while (buffer.Length >= 12)
            {
                var header = new byte[12];
                buffer.Slice(0, 12).CopyTo(header);
                var length = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(8));
                if (header[1] == 3)
                {
                    return length;
                }

                var frame = header[1] == 0 ? 12 + length : 12;
                if (buffer.Length < frame)
                {
                    break;
                }

                buffer = buffer.Slice(frame);
            }

            secured.Input.AdvanceTo(buffer.Start, buffer.End);
            if (read.IsCompleted)
            {
                return null;
            }
        }
    }

    private static async Task<bool> ReadsToEndAsync(IDuplexChannel channel)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            while (true)
            {
                var read = await channel.Input.ReadAsync(timeout.Token);
                channel.Input.AdvanceTo(read.Buffer.End);
                if (read.IsCompleted)
                {
                    return true;
                }
            }
        }
        catch (IOException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static async Task AssertStillServesAsync(Libp2pHost host)
    {
        await using var good = await TestHost.StartAsync();
        var peer = await good.DialAsync(host.Address());
        Assert.That(await good.PingAsync(peer), Is.GreaterThan(TimeSpan.Zero));
    }
}
