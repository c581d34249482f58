using System.Buffers;
using Mesh.Libp2p.Encoding;

namespace Mesh.Libp2p.Protobuf;

/// <summary>
/// Writes protobuf fields in the order they are given. libp2p signs and hashes protobuf bytes,
/// so messages are hand-encoded in field order with every field the spec requires (see the wire notes §1.10).
/// </summary>
public sealed class ProtoWriter
{
    private readonly ArrayBufferWriter<byte> _buffer;

    /// <summary>Creates a writer with an initial capacity.</summary>
    public ProtoWriter(int initialCapacity = 256) => _buffer = new ArrayBufferWriter<byte>(initialCapacity);

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.WrittenSpan;

    /// <summary>Writes a varint field.</summary>
    public ProtoWriter WriteVarint(int field, ulong value)
    {
        WriteTag(field, WireType.Varint);
        Varint.Write(_buffer, value);
        return this;
    }

    /// <summary>Writes a bool field as a varint 0 or 1.</summary>
    public ProtoWriter WriteBool(int field, bool value) => WriteVarint(field, value ? 1UL : 0UL);

    /// <summary>Writes a length-delimited bytes field.</summary>
    public ProtoWriter WriteBytes(int field, ReadOnlySpan<byte> value)
    {
        WriteTag(field, WireType.LengthDelimited);
        Varint.Write(_buffer, (ulong)value.Length);
        _buffer.Write(value);
        return this;
    }

    /// <summary>Writes a UTF-8 string field.</summary>
    public ProtoWriter WriteString(int field, string value) => WriteBytes(field, System.Text.Encoding.UTF8.GetBytes(value));

    /// <summary>Writes a nested message field built by <paramref name="build"/>.</summary>
    public ProtoWriter WriteMessage(int field, Action<ProtoWriter> build)
    {
        var inner = new ProtoWriter();
        build(inner);
        return WriteBytes(field, inner.WrittenSpan);
    }

    /// <summary>Returns the encoded message.</summary>
    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

    private void WriteTag(int field, WireType type) => Varint.Write(_buffer, ((ulong)field << 3) | (ulong)type);
}
