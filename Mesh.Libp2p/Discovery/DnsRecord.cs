using System.Net;

namespace Mesh.Libp2p.Discovery;

/// <summary>
/// A resource record (RFC 1035 §4.1.3) with its data decoded for the types mDNS discovery uses
/// (PTR, TXT, SRV, A, AAAA); other types keep their raw data.
/// </summary>
public sealed class DnsRecord
{
    /// <summary>The Internet class.</summary>
    public const ushort ClassInternet = 1;

    /// <summary>The owner name, dot separated, without a trailing dot.</summary>
    public required string Name { get; init; }

    /// <summary>The record type.</summary>
    public required DnsRecordType Type { get; init; }

    /// <summary>The class; in mDNS responses its top bit is the cache-flush bit (RFC 6762 §10.2).</summary>
    public ushort Class { get; init; } = ClassInternet;

    /// <summary>Seconds the record may be cached.</summary>
    public uint Ttl { get; init; }

    /// <summary>The name a PTR points to, or the target host of an SRV; null for other types.</summary>
    public string? Target { get; init; }

    /// <summary>The character strings of a TXT record (each at most 255 bytes); empty for other types.</summary>
    public IReadOnlyList<byte[]> Strings { get; init; } = [];

    /// <summary>The address of an A or AAAA record; null for other types.</summary>
    public IPAddress? Address { get; init; }

    /// <summary>SRV priority.</summary>
    public ushort Priority { get; init; }

    /// <summary>SRV weight.</summary>
    public ushort Weight { get; init; }

    /// <summary>SRV port.</summary>
    public ushort Port { get; init; }

    /// <summary>The raw data of a record of a type not decoded here; empty for decoded types.</summary>
    public ReadOnlyMemory<byte> Data { get; init; }

    /// <summary>A PTR record from <paramref name="name"/> to <paramref name="target"/>.</summary>
    public static DnsRecord NamePointer(string name, string target, uint ttl) =>
        new() { Name = name, Type = DnsRecordType.NamePointer, Ttl = ttl, Target = target };

    /// <summary>A TXT record holding <paramref name="strings"/>.</summary>
    public static DnsRecord Txt(string name, IReadOnlyList<byte[]> strings, uint ttl) =>
        new() { Name = name, Type = DnsRecordType.Txt, Ttl = ttl, Strings = strings };

    /// <summary>An SRV record.</summary>
    public static DnsRecord Srv(string name, string target, ushort port, uint ttl, ushort priority = 0, ushort weight = 0) =>
        new() { Name = name, Type = DnsRecordType.Srv, Ttl = ttl, Target = target, Port = port, Priority = priority, Weight = weight };

    /// <summary>An A record (IPv4 address) or AAAA record (IPv6 address).</summary>
    public static DnsRecord Host(string name, IPAddress address, uint ttl) => new()
    {
        Name = name,
        Type = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? DnsRecordType.Aaaa : DnsRecordType.A,
        Ttl = ttl,
        Address = address,
    };
}
