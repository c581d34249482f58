using System.Buffers;
using System.Buffers.Binary;

namespace Mesh.Libp2p.Yamux;

/// <summary>
/// The fixed 12-byte yamux frame header, all big-endian:
/// <c>version u8 | type u8 | flags u16 | streamID u32 | length u32</c> (wire notes §7.1).
/// </summary>
/// <param name="Type">The frame type.</param>
/// <param name="Flags">The stream or ping flags.</param>
/// <param name="StreamId">The stream; 0 is the session (ping, GoAway).</param>
/// <param name="Length">Payload length (Data), window delta (WindowUpdate), ping value (Ping) or error code (GoAway).</param>
/// <param name="Version">The protocol version; only 0 exists.</param>
public readonly record struct YamuxHeader(YamuxFrameType Type, YamuxFlags Flags, uint StreamId, uint Length, byte Version = 0)
{
    /// <summary>Bytes in a header.</summary>
    public const int Size = 12;

    /// <summary>The only yamux version.</summary>
    public const byte SupportedVersion = 0;

    /// <summary>Writes the header to the first <see cref="Size"/> bytes of <paramref name="destination"/>.</summary>
    public void Write(Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, Size, nameof(destination));
        destination[0] = Version;
        destination[1] = (byte)Type;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)Flags);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], StreamId);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], Length);
    }

    /// <summary>Writes the header to <paramref name="writer"/>.</summary>
    public void Write(IBufferWriter<byte> writer)
    {
        Write(writer.GetSpan(Size));
        writer.Advance(Size);
    }

    /// <summary>
    /// Reads a header from the start of <paramref name="source"/> without judging its fields
    /// (see <see cref="YamuxFrameReader.Validate"/>).
    /// </summary>
    /// <returns>False when fewer than <see cref="Size"/> bytes are present.</returns>
    public static bool TryRead(ReadOnlySpan<byte> source, out YamuxHeader header)
    {
        if (source.Length < Size)
        {
            header = default;
            return false;
        }

        header = new YamuxHeader(
            (YamuxFrameType)source[1],
            (YamuxFlags)BinaryPrimitives.ReadUInt16BigEndian(source[2..]),
            BinaryPrimitives.ReadUInt32BigEndian(source[4..]),
            BinaryPrimitives.ReadUInt32BigEndian(source[8..]),
            source[0]);
        return true;
    }

    /// <summary>Reads a header from the start of a byte sequence; see <see cref="TryRead(ReadOnlySpan{byte}, out YamuxHeader)"/>.</summary>
    public static bool TryRead(in ReadOnlySequence<byte> source, out YamuxHeader header)
    {
        var first = source.FirstSpan;
        if (first.Length >= Size)
        {
            return TryRead(first, out header);
        }

        if (source.Length < Size)
        {
            header = default;
            return false;
        }

        Span<byte> bytes = stackalloc byte[Size];
        source.Slice(0, Size).CopyTo(bytes);
        return TryRead(bytes, out header);
    }
}
