using System.Buffers.Binary;

namespace Mesh.Libp2p.Discovery;

/// <summary>Reads and writes domain names in DNS wire form (RFC 1035 §3.1, §4.1.4).</summary>
internal static class DnsNames
{
    /// <summary>The longest label (RFC 1035 §2.3.4).</summary>
    public const int MaxLabelLength = 63;

    /// <summary>The longest name in wire form, length bytes and the root byte included (RFC 1035 §2.3.4).</summary>
    public const int MaxWireLength = 255;

    // A name of at most 255 bytes holds at most 127 labels, so more jumps than that can only be a loop;
    // pointers must also point backwards, which rules loops out on their own.
    private const int MaxPointerJumps = 127;

    /// <summary>
    /// Reads the name at <paramref name="offset"/> in <paramref name="packet"/>, following compression pointers.
    /// <paramref name="consumed"/> is how many bytes the name takes at <paramref name="offset"/> itself.
    /// False on truncation, a bad label type, a label or name too long, or a pointer that does not point backwards.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> packet, int offset, out string name, out int consumed)
    {
        name = "";
        consumed = 0;
        var builder = new System.Text.StringBuilder();
        var position = offset;
        var wireLength = 1;
        var jumps = 0;
        var jumped = false;
        while (true)
        {
            if (position >= packet.Length)
            {
                return false;
            }

            var length = packet[position];
            switch (length & 0xC0)
            {
                case 0x00 when length == 0:
                    if (!jumped)
                    {
                        consumed = position + 1 - offset;
                    }

                    name = builder.ToString();
                    return true;
                case 0x00:
                    wireLength += length + 1;
                    if (wireLength > MaxWireLength || position + 1 + length > packet.Length)
                    {
                        return false;
                    }

                    if (builder.Length > 0)
                    {
                        builder.Append('.');
                    }

                    builder.Append(System.Text.Encoding.UTF8.GetString(packet.Slice(position + 1, length)));
                    position += 1 + length;
                    break;
                case 0xC0:
                    if (position + 2 > packet.Length)
                    {
                        return false;
                    }

                    var target = BinaryPrimitives.ReadUInt16BigEndian(packet[position..]) & 0x3FFF;
                    if (target >= position || ++jumps > MaxPointerJumps)
                    {
                        return false;
                    }

                    if (!jumped)
                    {
                        consumed = position + 2 - offset;
                        jumped = true;
                    }

                    position = target;
                    break;
                default:
                    // 0x40 and 0x80 are the extended and reserved label types (RFC 6891 §5), unused here.
                    return false;
            }
        }
    }

    /// <summary>The wire length of <paramref name="name"/> without compression; throws if a label or the name is too long.</summary>
    public static int WireLength(string name)
    {
        var length = 1;
        foreach (var label in Labels(name))
        {
            var bytes = System.Text.Encoding.UTF8.GetByteCount(label);
            if (bytes is 0 or > MaxLabelLength)
            {
                throw new ArgumentException($"DNS name '{name}' has an empty label or one longer than {MaxLabelLength} bytes.", nameof(name));
            }

            length += bytes + 1;
        }

        if (length > MaxWireLength)
        {
            throw new ArgumentException($"DNS name '{name}' is longer than {MaxWireLength} bytes.", nameof(name));
        }

        return length;
    }

    /// <summary>Writes <paramref name="name"/> uncompressed (as dns-packet does) and returns the bytes written.</summary>
    public static int Write(Span<byte> destination, string name)
    {
        var position = 0;
        foreach (var label in Labels(name))
        {
            var written = System.Text.Encoding.UTF8.GetBytes(label, destination[(position + 1)..]);
            destination[position] = (byte)written;
            position += written + 1;
        }

        destination[position] = 0;
        return position + 1;
    }

    private static string[] Labels(string name)
    {
        var trimmed = name.EndsWith('.') ? name[..^1] : name;
        return trimmed.Length == 0 ? [] : trimmed.Split('.');
    }
}
