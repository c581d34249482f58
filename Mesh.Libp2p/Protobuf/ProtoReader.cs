using System.Buffers.Binary;
using Mesh.Libp2p.Encoding;

namespace Mesh.Libp2p.Protobuf;

/// <summary>
/// A forward-only protobuf reader over a span. Every method returns false on malformed input
/// instead of throwing, so decoders of network input stay total.
/// </summary>
public ref struct ProtoReader
{
    private ReadOnlySpan<byte> _remaining;

    /// <summary>Starts reading <paramref name="message"/>.</summary>
    public ProtoReader(ReadOnlySpan<byte> message) => _remaining = message;

    /// <summary>True when every byte has been read.</summary>
    public readonly bool End => _remaining.IsEmpty;

    /// <summary>Reads the next field tag.</summary>
    public bool TryReadTag(out int field, out WireType wireType)
    {
        field = 0;
        wireType = default;
        if (!TryReadVarint(out var tag) || tag > int.MaxValue)
        {
            return false;
        }

        field = (int)(tag >> 3);
        wireType = (WireType)(tag & 7);
        return field > 0;
    }

    /// <summary>Reads a varint value.</summary>
    public bool TryReadVarint(out ulong value)
    {
        // Protobuf varints may be up to 10 bytes; libp2p messages never need more than 9.
        if (Varint.TryRead(_remaining, out value, out var length) != VarintResult.Ok)
        {
            return false;
        }

        _remaining = _remaining[length..];
        return true;
    }

    /// <summary>Reads a length-delimited field's bytes; the span points into the message.</summary>
    public bool TryReadBytes(out ReadOnlySpan<byte> value)
    {
        value = default;
        if (!TryReadVarint(out var length) || length > (ulong)_remaining.Length)
        {
            return false;
        }

        value = _remaining[..(int)length];
        _remaining = _remaining[(int)length..];
        return true;
    }

    /// <summary>Reads a UTF-8 string field; false if it is not valid UTF-8.</summary>
    public bool TryReadString(out string value)
    {
        value = string.Empty;
        if (!TryReadBytes(out var bytes))
        {
            return false;
        }

        try
        {
            value = StrictUtf8.GetString(bytes);
            return true;
        }
        catch (System.Text.DecoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>Skips a field of the given wire type.</summary>
    public bool TrySkip(WireType wireType)
    {
        switch (wireType)
        {
            case WireType.Varint:
                return TryReadVarint(out _);
            case WireType.LengthDelimited:
                return TryReadBytes(out _);
            case WireType.Fixed64:
                return TryAdvance(8);
            case WireType.Fixed32:
                return TryAdvance(4);
            default:
                return false;
        }
    }

    /// <summary>Reads a fixed 64-bit little-endian value.</summary>
    public bool TryReadFixed64(out ulong value)
    {
        value = 0;
        if (_remaining.Length < 8)
        {
            return false;
        }

        value = BinaryPrimitives.ReadUInt64LittleEndian(_remaining);
        _remaining = _remaining[8..];
        return true;
    }

    private bool TryAdvance(int count)
    {
        if (_remaining.Length < count)
        {
            return false;
        }

        _remaining = _remaining[count..];
        return true;
    }
}
