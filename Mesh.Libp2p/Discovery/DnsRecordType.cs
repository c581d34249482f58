namespace Mesh.Libp2p.Discovery;

/// <summary>The DNS record types mDNS discovery reads or writes (RFC 1035 §3.2.2, RFC 3596, RFC 2782); other values pass through as numbers.</summary>
public enum DnsRecordType : ushort
{
    /// <summary>An IPv4 address.</summary>
    A = 1,

    /// <summary>PTR: a pointer to another name.</summary>
    NamePointer = 12,

    /// <summary>Character strings.</summary>
    Txt = 16,

    /// <summary>An IPv6 address.</summary>
    Aaaa = 28,

    /// <summary>A service location (priority, weight, port, target).</summary>
    Srv = 33,

    /// <summary>Any type (questions only).</summary>
    Any = 255,
}
