using System.Buffers;
using Mesh.Libp2p.Noise;
using Microsoft.Extensions.Logging.Abstractions;
using static Mesh.Tests.Libp2p.Noise.NoiseVectors;

namespace Mesh.Tests.Libp2p.Noise;

/// <summary>Each role of the full channel handshake, with the vector keys injected, against the vector's wire bytes (wire notes §8.4).</summary>
public sealed class NoiseWireVectorTests
{
    [Test]
    public async Task Initiator_VectorKeys_SendsVectorBytesAndTransportFrames()
    {
        var (local, remote) = ChannelPair.Create();
        using var peer = new ScriptedNoisePeer(remote);
        var handshake = NoiseHandshake.RunAsync(
            local, isInitiator: true, InitiatorIdentity, [YamuxProtocol], Mesh.Libp2p.Identity.PeerId.Parse(ResponderPeerId),
            new NoiseLocalStatic(InitiatorIdentity, InitiatorStatic), InitiatorEphemeral, NullLogger.Instance, CancellationToken.None);

        var wire1 = await ReadRawAsync(remote, 34);
        await peer.WriteFrameAsync(Hex(Message2));
        var message3 = await peer.ReadFrameAsync();
        await using var secured = await handshake;

        await secured.Output.WriteAsync(System.Text.Encoding.ASCII.GetBytes("hello"));
        await secured.Output.WriteAsync(System.Text.Encoding.ASCII.GetBytes("hello"));
        var hello0 = await peer.ReadFrameAsync();
        var hello1 = await peer.ReadFrameAsync();
        await peer.WriteFrameAsync(Hex(WorldN0));
        var world = await ReadTextAsync(secured, 5);

        Assert.Multiple(() =>
        {
            Assert.That(Hex(wire1), Is.EqualTo(WireMessage1));
            Assert.That(Hex(message3), Is.EqualTo(Message3));
            Assert.That(secured.RemotePeer.ToString(), Is.EqualTo(ResponderPeerId));
            Assert.That(Hex(secured.RemotePublicKey.ToProtobuf()), Is.EqualTo(ResponderPublicKeyProtobuf));
            Assert.That(secured.RemoteMuxers, Is.EqualTo(new[] { YamuxProtocol }));
            Assert.That(Hex(secured.HandshakeHash.Span), Is.EqualTo(HandshakeHash));
            Assert.That(Hex(hello0), Is.EqualTo(HelloN0));
            Assert.That(Hex(hello1), Is.EqualTo(HelloN1));
            Assert.That(world, Is.EqualTo("world"));
        });
    }

    [Test]
    public async Task Responder_VectorKeys_SendsVectorBytesAndTransportFrames()
    {
        var (local, remote) = ChannelPair.Create();
        using var peer = new ScriptedNoisePeer(remote);
        var handshake = NoiseHandshake.RunAsync(
            local, isInitiator: false, ResponderIdentity, [YamuxProtocol], expectedRemote: null,
            new NoiseLocalStatic(ResponderIdentity, ResponderStatic), ResponderEphemeral, NullLogger.Instance, CancellationToken.None);

        await peer.WriteFrameAsync(Hex(Message1));
        var wire2 = await ReadRawAsync(remote, 2 + 216);
        await peer.WriteFrameAsync(Hex(Message3));
        await using var secured = await handshake;

        await peer.WriteFrameAsync(Hex(HelloN0));
        var hello = await ReadTextAsync(secured, 5);
        await secured.Output.WriteAsync(System.Text.Encoding.ASCII.GetBytes("world"));
        var world = await ReadRawAsync(remote, 2 + 21);

        Assert.Multiple(() =>
        {
            Assert.That(Hex(wire2), Is.EqualTo("00d8" + Message2));
            Assert.That(secured.RemotePeer.ToString(), Is.EqualTo(InitiatorPeerId));
            Assert.That(secured.RemoteMuxers, Is.EqualTo(new[] { YamuxProtocol }));
            Assert.That(Hex(secured.HandshakeHash.Span), Is.EqualTo(HandshakeHash));
            Assert.That(hello, Is.EqualTo("hello"));
            Assert.That(Hex(world), Is.EqualTo("0015" + WorldN0));
        });
    }

    private static async Task<byte[]> ReadRawAsync(InMemoryChannel channel, int count)
    {
        while (true)
        {
            var result = await channel.Input.ReadAsync();
            if (result.Buffer.Length >= count)
            {
                var bytes = result.Buffer.Slice(0, count).ToArray();
                channel.Input.AdvanceTo(result.Buffer.GetPosition(count));
                return bytes;
            }

            channel.Input.AdvanceTo(result.Buffer.Start, result.Buffer.End);
            if (result.IsCompleted)
            {
                throw new EndOfStreamException();
            }
        }
    }

    private static async Task<string> ReadTextAsync(NoiseSecuredChannel channel, int count)
    {
        var stream = channel.Input.AsStream();
        var bytes = new byte[count];
        await stream.ReadExactlyAsync(bytes);
        return System.Text.Encoding.ASCII.GetString(bytes);
    }
}
