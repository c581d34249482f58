using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Mesh.Libp2p.Channels;
using Mesh.Libp2p.Identity;
using Mesh.Libp2p.Noise;
using Mesh.Libp2p.Pnet;

namespace Mesh.Tests.Libp2p.Noise;

/// <summary>The stack of wire notes §5 below the muxer, on a real loopback socket: TCP, pnet, Noise.</summary>
public sealed class NoiseOverTcpTests
{
    [Test]
    public async Task PnetThenNoise_OverLoopbackTcp_TransfersDataBothWaysAndHalfCloses()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var dialSocket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await dialSocket.ConnectAsync((IPEndPoint)listener.LocalEndpoint);
        using var acceptSocket = await listener.AcceptSocketAsync();
        var psk = PreSharedKey.Generate();
        var dialer = IdentityKey.Generate();
        var server = IdentityKey.Generate();

        var inboundStream = PnetProtector.ProtectAsync(new NetworkStream(acceptSocket, ownsSocket: false), psk);
        var outboundStream = await PnetProtector.ProtectAsync(new NetworkStream(dialSocket, ownsSocket: false), psk);
        var inbound = NoiseSecurity.SecureInboundAsync(Channel(await inboundStream, acceptSocket), server, ["/yamux/1.0.0"]);
        await using var outbound = await NoiseSecurity.SecureOutboundAsync(Channel(outboundStream, dialSocket), dialer, ["/yamux/1.0.0"], server.PeerId);
        await using var accepted = await inbound;

        var up = RandomNumberGenerator.GetBytes(1_500_000);
        var down = RandomNumberGenerator.GetBytes(200_000);
        var upload = SendAndCloseAsync(outbound, up);
        var download = SendAndCloseAsync(accepted, down);
        var received = await Task.WhenAll(NoiseSecurityTests.ReadAllAsync(accepted), NoiseSecurityTests.ReadAllAsync(outbound));
        await Task.WhenAll(upload, download);
        var (receivedUp, receivedDown) = (received[0], received[1]);

        Assert.Multiple(() =>
        {
            Assert.That(accepted.RemotePeer, Is.EqualTo(dialer.PeerId));
            Assert.That(receivedUp.AsSpan().SequenceEqual(up), Is.True);
            Assert.That(receivedDown.AsSpan().SequenceEqual(down), Is.True);
        });
    }

    private static StreamChannel Channel(Stream stream, Socket socket) => new(
        stream,
        closeWrite: () =>
        {
            socket.Shutdown(SocketShutdown.Send);
            return ValueTask.CompletedTask;
        },
        abort: socket.Close);

    private static async Task SendAndCloseAsync(NoiseSecuredChannel channel, byte[] data)
    {
        await channel.Output.WriteAsync(data);
        await channel.CloseWriteAsync();
    }
}
