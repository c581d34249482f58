using System.Buffers;
using System.Buffers.Binary;

namespace Mesh.Libp2p.Noise;

/// <summary>
/// Noise framing for libp2p (wire notes §8.2): every handshake and transport message is a
/// 2-byte big-endian length followed by that many bytes, at most 65535.
/// </summary>
public static class NoiseFrame
{
    /// <summary>The size of the length prefix.</summary>
    public const int HeaderLength = 2;

    /// <summary>The largest message a frame can carry.</summary>
    public const int MaxMessageLength = ushort.MaxValue;

    /// <summary>The largest transport plaintext per frame: the message minus the 16-byte tag.</summary>
    public const int MaxPlaintextLength = MaxMessageLength - NoiseCipherState.TagLength;

    /// <summary>
    /// Takes one frame off the front of <paramref name="buffer"/>. Returns false (leaving the buffer untouched)
    /// when the frame is not complete yet; every 16-bit length is valid framing, so there is no invalid case here.
    /// </summary>
    /// <param name="buffer">The received bytes; on success, advanced past the frame.</param>
    /// <param name="message">The message bytes without the length prefix, pointing into <paramref name="buffer"/>.</param>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> message)
    {
        message = default;
        if (buffer.Length < HeaderLength)
        {
            return false;
        }

        int length;
        if (buffer.FirstSpan.Length >= HeaderLength)
        {
            length = BinaryPrimitives.ReadUInt16BigEndian(buffer.FirstSpan);
        }
        else
        {
            Span<byte> header = stackalloc byte[HeaderLength];
            buffer.Slice(0, HeaderLength).CopyTo(header);
            length = BinaryPrimitives.ReadUInt16BigEndian(header);
        }

        if (buffer.Length < HeaderLength + length)
        {
            return false;
        }

        message = buffer.Slice(HeaderLength, length);
        buffer = buffer.Slice(message.End);
        return true;
    }

    /// <summary>Writes a length prefix and <paramref name="message"/> to <paramref name="writer"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The message is longer than <see cref="MaxMessageLength"/>.</exception>
    public static void Write(IBufferWriter<byte> writer, ReadOnlySpan<byte> message)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(message.Length, MaxMessageLength, nameof(message));
        var span = writer.GetSpan(HeaderLength + message.Length);
        BinaryPrimitives.WriteUInt16BigEndian(span, (ushort)message.Length);
        message.CopyTo(span[HeaderLength..]);
        writer.Advance(HeaderLength + message.Length);
    }
}
