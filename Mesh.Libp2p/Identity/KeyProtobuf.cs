using Mesh.Libp2p.Protobuf;

namespace Mesh.Libp2p.Identity;

/// <summary>Reads the <c>{ Type = 1; Data = 2 }</c> shape shared by the PublicKey and PrivateKey protobufs.</summary>
internal static class KeyProtobuf
{
    /// <summary>False when a field is malformed or either field is missing; unknown fields are skipped.</summary>
    public static bool TryRead(ReadOnlySpan<byte> protobuf, out ulong type, out ReadOnlySpan<byte> data)
    {
        type = 0;
        data = default;
        var reader = new ProtoReader(protobuf);
        bool hasType = false, hasData = false;
        while (!reader.End)
        {
            if (!reader.TryReadTag(out var field, out var wire))
            {
                return false;
            }

            if (field == 1 && wire == WireType.Varint)
            {
                if (!reader.TryReadVarint(out type))
                {
                    return false;
                }

                hasType = true;
            }
            else if (field == 2 && wire == WireType.LengthDelimited)
            {
                if (!reader.TryReadBytes(out data))
                {
                    return false;
                }

                hasData = true;
            }
            else if (!reader.TrySkip(wire))
            {
                return false;
            }
        }

        return hasType && hasData;
    }
}
