using System.Buffers.Binary;

namespace Mesh.Libp2p.Discovery;

/// <summary>Encodes DNS messages (RFC 1035 §4.1) without name compression, as dns-packet (what js mDNS uses) does.</summary>
public static class DnsMessageWriter
{
    private const int HeaderLength = 12;
    private const int MaxTxtStringLength = 255;

    /// <summary>Encodes <paramref name="message"/>.</summary>
    /// <exception cref="ArgumentException">A name, label or TXT string is too long, a section holds more than 65535 entries, or a record lacks the data its type needs.</exception>
    public static byte[] Write(DnsMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var length = HeaderLength;
        foreach (var question in message.Questions)
        {
            length += DnsNames.WireLength(question.Name) + 4;
        }

        foreach (var record in Records(message))
        {
            length += DnsNames.WireLength(record.Name) + 10 + DataLength(record);
        }

        var buffer = new byte[length];
        var span = buffer.AsSpan();
        BinaryPrimitives.WriteUInt16BigEndian(span, message.Id);
        BinaryPrimitives.WriteUInt16BigEndian(span[2..], message.Flags);
        BinaryPrimitives.WriteUInt16BigEndian(span[4..], Count(message.Questions.Count));
        BinaryPrimitives.WriteUInt16BigEndian(span[6..], Count(message.Answers.Count));
        BinaryPrimitives.WriteUInt16BigEndian(span[8..], Count(message.Authorities.Count));
        BinaryPrimitives.WriteUInt16BigEndian(span[10..], Count(message.Additionals.Count));
        var position = HeaderLength;
        foreach (var question in message.Questions)
        {
            position += DnsNames.Write(span[position..], question.Name);
            BinaryPrimitives.WriteUInt16BigEndian(span[position..], (ushort)question.Type);
            BinaryPrimitives.WriteUInt16BigEndian(span[(position + 2)..], question.Class);
            position += 4;
        }

        foreach (var record in Records(message))
        {
            position += WriteRecord(span[position..], record);
        }

        return buffer;
    }

    private static IEnumerable<DnsRecord> Records(DnsMessage message) =>
        message.Answers.Concat(message.Authorities).Concat(message.Additionals);

    private static ushort Count(int count) =>
        count <= ushort.MaxValue ? (ushort)count : throw new ArgumentException("A DNS section holds at most 65535 entries.", nameof(count));

    private static int DataLength(DnsRecord record)
    {
        var length = record.Type switch
        {
            DnsRecordType.NamePointer => DnsNames.WireLength(Target(record)),
            DnsRecordType.Srv => 6 + DnsNames.WireLength(Target(record)),
            DnsRecordType.Txt => TxtLength(record),
            DnsRecordType.A or DnsRecordType.Aaaa => AddressBytes(record).Length,
            _ => record.Data.Length,
        };
        return length <= ushort.MaxValue ? length : throw new ArgumentException($"The data of record '{record.Name}' is longer than 65535 bytes.", nameof(record));
    }

    private static int TxtLength(DnsRecord record)
    {
        var length = 0;
        foreach (var text in record.Strings)
        {
            if (text.Length > MaxTxtStringLength)
            {
                throw new ArgumentException($"A TXT string of '{record.Name}' is longer than {MaxTxtStringLength} bytes.", nameof(record));
            }

            length += 1 + text.Length;
        }

        return length;
    }

    private static int WriteRecord(Span<byte> span, DnsRecord record)
    {
        var position = DnsNames.Write(span, record.Name);
        var dataLength = DataLength(record);
        BinaryPrimitives.WriteUInt16BigEndian(span[position..], (ushort)record.Type);
        BinaryPrimitives.WriteUInt16BigEndian(span[(position + 2)..], record.Class);
        BinaryPrimitives.WriteUInt32BigEndian(span[(position + 4)..], record.Ttl);
        BinaryPrimitives.WriteUInt16BigEndian(span[(position + 8)..], (ushort)dataLength);
        position += 10;
        var data = span.Slice(position, dataLength);
        switch (record.Type)
        {
            case DnsRecordType.NamePointer:
                DnsNames.Write(data, Target(record));
                break;
            case DnsRecordType.Srv:
                BinaryPrimitives.WriteUInt16BigEndian(data, record.Priority);
                BinaryPrimitives.WriteUInt16BigEndian(data[2..], record.Weight);
                BinaryPrimitives.WriteUInt16BigEndian(data[4..], record.Port);
                DnsNames.Write(data[6..], Target(record));
                break;
            case DnsRecordType.Txt:
                var offset = 0;
                foreach (var text in record.Strings)
                {
                    data[offset] = (byte)text.Length;
                    text.CopyTo(data[(offset + 1)..]);
                    offset += 1 + text.Length;
                }

                break;
            case DnsRecordType.A or DnsRecordType.Aaaa:
                AddressBytes(record).CopyTo(data);
                break;
            default:
                record.Data.Span.CopyTo(data);
                break;
        }

        return position + dataLength;
    }

    private static string Target(DnsRecord record) =>
        record.Target ?? throw new ArgumentException($"The {record.Type} record '{record.Name}' has no target.", nameof(record));

    private static byte[] AddressBytes(DnsRecord record)
    {
        var bytes = record.Address?.GetAddressBytes()
            ?? throw new ArgumentException($"The {record.Type} record '{record.Name}' has no address.", nameof(record));
        var expected = record.Type == DnsRecordType.A ? 4 : 16;
        return bytes.Length == expected ? bytes : throw new ArgumentException($"The {record.Type} record '{record.Name}' holds an address of the wrong family.", nameof(record));
    }
}
