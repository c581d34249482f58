using System.Buffers;
using Mesh.Libp2p.Noise;

namespace Mesh.Tests.Fuzz.Targets;

/// <summary>Splits the input into Noise frames and decodes each frame's body as a handshake payload.</summary>
internal static class NoiseFuzzTarget
{
    /// <summary>Reads every whole frame; neither the framing nor the payload decoder may throw.</summary>
    public static void Run(ReadOnlySpan<byte> input)
    {
        var buffer = new ReadOnlySequence<byte>(input.ToArray());
        while (true)
        {
            var before = buffer.Length;
            if (!NoiseFrame.TryRead(ref buffer, out var message))
            {
                return;
            }

            if (buffer.Length >= before)
            {
                throw new FuzzInvariantException("NoiseFrame.TryRead returned a frame without consuming input");
            }

            // In the handshake the payload is the decrypted body of messages 2 and 3 (wire notes §8.3): any bytes can get there.
            _ = NoiseHandshakePayload.TryDecode(message.ToArray(), out _);
        }
    }
}
