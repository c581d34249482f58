using System.Buffers;

namespace Mesh.Libp2p.Encoding;

/// <summary>
/// Unsigned varint of the multiformats spec: 7 bits a byte, least significant group first,
/// minimal, at most 9 bytes (63 bits).
/// </summary>
public static class Varint
{
    /// <summary>The longest varint the spec allows.</summary>
    public const int MaxLength = 9;

    /// <summary>Bytes needed to write <paramref name="value"/>.</summary>
    public static int SizeOf(ulong value)
    {
        var n = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            n++;
        }

        return n;
    }

    /// <summary>Writes <paramref name="value"/> and returns the bytes written.</summary>
    public static int Write(Span<byte> destination, ulong value)
    {
        var i = 0;
        while (value >= 0x80)
        {
            destination[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        destination[i++] = (byte)value;
        return i;
    }

    /// <summary>Writes <paramref name="value"/> to <paramref name="writer"/>.</summary>
    public static void Write(IBufferWriter<byte> writer, ulong value)
    {
        var span = writer.GetSpan(MaxLength + 1);
        writer.Advance(Write(span, value));
    }

    /// <summary>Encodes <paramref name="value"/> into a new array.</summary>
    public static byte[] Encode(ulong value)
    {
        var bytes = new byte[SizeOf(value)];
        Write(bytes, value);
        return bytes;
    }

    /// <summary>
    /// Reads a varint from the start of <paramref name="source"/>.
    /// </summary>
    /// <returns><see cref="VarintResult.Ok"/> with the value and its length, <see cref="VarintResult.NeedMore"/>
    /// when the input ends inside the varint, or <see cref="VarintResult.Invalid"/> for an overlong or non-minimal one.</returns>
    public static VarintResult TryRead(ReadOnlySpan<byte> source, out ulong value, out int length)
    {
        value = 0;
        length = 0;
        for (var i = 0; i < MaxLength; i++)
        {
            if (i >= source.Length)
            {
                return VarintResult.NeedMore;
            }

            var b = source[i];
            value |= (ulong)(b & 0x7f) << (7 * i);
            if ((b & 0x80) == 0)
            {
                // A last byte of zero after the first means a non-minimal encoding.
                if (b == 0 && i > 0)
                {
                    value = 0;
                    return VarintResult.Invalid;
                }

                length = i + 1;
                return VarintResult.Ok;
            }
        }

        value = 0;
        return VarintResult.Invalid;
    }

    /// <summary>Reads a varint from the start of a byte sequence; see <see cref="TryRead(ReadOnlySpan{byte}, out ulong, out int)"/>.</summary>
    public static VarintResult TryRead(in ReadOnlySequence<byte> source, out ulong value, out int length)
    {
        if (source.IsSingleSegment || source.FirstSpan.Length >= MaxLength)
        {
            return TryRead(source.FirstSpan, out value, out length);
        }

        Span<byte> head = stackalloc byte[MaxLength];
        var take = (int)Math.Min(MaxLength, source.Length);
        source.Slice(0, take).CopyTo(head);
        return TryRead(head[..take], out value, out length);
    }
}
