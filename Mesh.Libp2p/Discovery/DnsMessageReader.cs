using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace Mesh.Libp2p.Discovery;

/// <summary>Decodes DNS messages (RFC 1035 §4.1) as mDNS receives them: one whole message per datagram.</summary>
public static class DnsMessageReader
{
    private const int HeaderLength = 12;
    private const int MinQuestionLength = 5;
    private const int MinRecordLength = 11;

    /// <summary>
    /// Decodes <paramref name="packet"/>. Returns false, never throws, on anything malformed: truncation, section counts
    /// the packet cannot hold, bad names (see RFC 1035 §4.1.4), or record data that does not fit its type.
    /// Bytes after the last record are ignored.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> packet, [NotNullWhen(true)] out DnsMessage? message)
    {
        message = null;
        if (packet.Length < HeaderLength)
        {
            return false;
        }

        var questionCount = BinaryPrimitives.ReadUInt16BigEndian(packet[4..]);
        var answerCount = BinaryPrimitives.ReadUInt16BigEndian(packet[6..]);
        var authorityCount = BinaryPrimitives.ReadUInt16BigEndian(packet[8..]);
        var additionalCount = BinaryPrimitives.ReadUInt16BigEndian(packet[10..]);

        // Every entry takes a minimum number of bytes, so counts the packet cannot hold are refused before allocating.
        var minimum = (questionCount * MinQuestionLength) + ((answerCount + authorityCount + additionalCount) * MinRecordLength);
        if (minimum > packet.Length - HeaderLength)
        {
            return false;
        }

        var position = HeaderLength;
        var questions = new DnsQuestion[questionCount];
        for (var i = 0; i < questions.Length; i++)
        {
            if (!TryReadQuestion(packet, ref position, out questions[i]!))
            {
                return false;
            }
        }

        if (!TryReadRecords(packet, ref position, answerCount, out var answers)
            || !TryReadRecords(packet, ref position, authorityCount, out var authorities)
            || !TryReadRecords(packet, ref position, additionalCount, out var additionals))
        {
            return false;
        }

        message = new DnsMessage
        {
            Id = BinaryPrimitives.ReadUInt16BigEndian(packet),
            Flags = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]),
            Questions = questions,
            Answers = answers,
            Authorities = authorities,
            Additionals = additionals,
        };
        return true;
    }

    private static bool TryReadQuestion(ReadOnlySpan<byte> packet, ref int position, out DnsQuestion? question)
    {
        question = null;
        if (!DnsNames.TryRead(packet, position, out var name, out var consumed) || position + consumed + 4 > packet.Length)
        {
            return false;
        }

        position += consumed;
        var type = (DnsRecordType)BinaryPrimitives.ReadUInt16BigEndian(packet[position..]);
        var @class = BinaryPrimitives.ReadUInt16BigEndian(packet[(position + 2)..]);
        position += 4;
        question = new DnsQuestion(name, type, @class);
        return true;
    }

    private static bool TryReadRecords(ReadOnlySpan<byte> packet, ref int position, int count, out DnsRecord[] records)
    {
        records = new DnsRecord[count];
        for (var i = 0; i < count; i++)
        {
            if (!TryReadRecord(packet, ref position, out records[i]!))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryReadRecord(ReadOnlySpan<byte> packet, ref int position, out DnsRecord? record)
    {
        record = null;
        if (!DnsNames.TryRead(packet, position, out var name, out var consumed) || position + consumed + 10 > packet.Length)
        {
            return false;
        }

        position += consumed;
        var type = (DnsRecordType)BinaryPrimitives.ReadUInt16BigEndian(packet[position..]);
        var @class = BinaryPrimitives.ReadUInt16BigEndian(packet[(position + 2)..]);
        var ttl = BinaryPrimitives.ReadUInt32BigEndian(packet[(position + 4)..]);
        var dataLength = BinaryPrimitives.ReadUInt16BigEndian(packet[(position + 8)..]);
        position += 10;
        if (position + dataLength > packet.Length)
        {
            return false;
        }

        var dataStart = position;
        position += dataLength;

        // Names inside the data may point anywhere earlier in the packet, so the data is read against the whole packet,
        // bounded to end within its declared length.
        var bounded = packet[..(dataStart + dataLength)];
        var template = new DnsRecord { Name = name, Type = type, Class = @class, Ttl = ttl };
        record = type switch
        {
            DnsRecordType.NamePointer => ReadPtr(bounded, dataStart, template),
            DnsRecordType.Txt => ReadTxt(bounded[dataStart..], template),
            DnsRecordType.Srv => ReadSrv(bounded, dataStart, template),
            DnsRecordType.A => ReadAddress(bounded[dataStart..], 4, template),
            DnsRecordType.Aaaa => ReadAddress(bounded[dataStart..], 16, template),
            _ => Copy(template, bounded[dataStart..]),
        };
        return record is not null;
    }

    private static DnsRecord? ReadPtr(ReadOnlySpan<byte> packet, int dataStart, DnsRecord template) =>
        DnsNames.TryRead(packet, dataStart, out var target, out _) ? With(template, target: target) : null;

    private static DnsRecord? ReadSrv(ReadOnlySpan<byte> packet, int dataStart, DnsRecord template)
    {
        if (packet.Length - dataStart < 7 || !DnsNames.TryRead(packet, dataStart + 6, out var target, out _))
        {
            return null;
        }

        var data = packet[dataStart..];
        return new DnsRecord
        {
            Name = template.Name,
            Type = template.Type,
            Class = template.Class,
            Ttl = template.Ttl,
            Priority = BinaryPrimitives.ReadUInt16BigEndian(data),
            Weight = BinaryPrimitives.ReadUInt16BigEndian(data[2..]),
            Port = BinaryPrimitives.ReadUInt16BigEndian(data[4..]),
            Target = target,
        };
    }

    private static DnsRecord? ReadTxt(ReadOnlySpan<byte> data, DnsRecord template)
    {
        var strings = new List<byte[]>();
        var position = 0;
        while (position < data.Length)
        {
            var length = data[position];
            if (position + 1 + length > data.Length)
            {
                return null;
            }

            strings.Add(data.Slice(position + 1, length).ToArray());
            position += 1 + length;
        }

        return new DnsRecord { Name = template.Name, Type = template.Type, Class = template.Class, Ttl = template.Ttl, Strings = strings };
    }

    private static DnsRecord? ReadAddress(ReadOnlySpan<byte> data, int length, DnsRecord template) =>
        data.Length != length
            ? null
            : new DnsRecord { Name = template.Name, Type = template.Type, Class = template.Class, Ttl = template.Ttl, Address = new IPAddress(data) };

    private static DnsRecord Copy(DnsRecord template, ReadOnlySpan<byte> data) =>
        new() { Name = template.Name, Type = template.Type, Class = template.Class, Ttl = template.Ttl, Data = data.ToArray() };

    private static DnsRecord With(DnsRecord template, string target) =>
        new() { Name = template.Name, Type = template.Type, Class = template.Class, Ttl = template.Ttl, Target = target };
}
