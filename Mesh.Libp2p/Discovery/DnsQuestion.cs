namespace Mesh.Libp2p.Discovery;

/// <summary>A question of a DNS message (RFC 1035 §4.1.2).</summary>
/// <param name="Name">The name asked about, dot separated, without a trailing dot.</param>
/// <param name="Type">The record type asked for.</param>
/// <param name="Class">The class; in mDNS its top bit asks for a unicast reply (RFC 6762 §5.4).</param>
public sealed record DnsQuestion(string Name, DnsRecordType Type, ushort Class = DnsRecord.ClassInternet);
