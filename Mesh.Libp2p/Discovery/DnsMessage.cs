namespace Mesh.Libp2p.Discovery;

/// <summary>A DNS message (RFC 1035 §4.1): header fields and the four sections.</summary>
public sealed class DnsMessage
{
    /// <summary>The QR|AA flags of an authoritative response, as mDNS responders send them (RFC 6762 §18).</summary>
    public const ushort ResponseFlags = 0x8400;

    private const ushort ResponseBit = 0x8000;

    /// <summary>The message id (0 in mDNS multicast).</summary>
    public ushort Id { get; init; }

    /// <summary>The 16 header flag bits (QR, opcode, AA, TC, RD, RA, Z, RCODE).</summary>
    public ushort Flags { get; init; }

    /// <summary>True when the QR bit marks a response.</summary>
    public bool IsResponse => (Flags & ResponseBit) != 0;

    /// <summary>The question section.</summary>
    public IReadOnlyList<DnsQuestion> Questions { get; init; } = [];

    /// <summary>The answer section.</summary>
    public IReadOnlyList<DnsRecord> Answers { get; init; } = [];

    /// <summary>The authority section.</summary>
    public IReadOnlyList<DnsRecord> Authorities { get; init; } = [];

    /// <summary>The additional section.</summary>
    public IReadOnlyList<DnsRecord> Additionals { get; init; } = [];
}
