using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace Mesh.Libp2p.Addressing;

/// <summary>
/// One entry of the multiaddr protocol table this stack understands (wire notes §4.1, multiformats
/// <c>protocols.csv</c>): its text name, its code and how its value is laid out. Instances are
/// singletons, so reference equality is protocol equality.
/// </summary>
public sealed class MultiaddrProtocol
{
    private MultiaddrProtocol(string name, int code, MultiaddrValueKind valueKind, int fixedSize, MultiaddrValueFormat format)
    {
        Name = name;
        Code = code;
        ValueKind = valueKind;
        FixedSize = fixedSize;
        Format = format;
    }

    /// <summary><c>/ip4/&lt;dotted quad&gt;</c>, code 4, 4 bytes.</summary>
    public static MultiaddrProtocol Ip4 { get; } = new("ip4", 4, MultiaddrValueKind.FixedSize, 4, MultiaddrValueFormat.Ip4);

    /// <summary><c>/tcp/&lt;port&gt;</c>, code 6, 2 bytes big-endian.</summary>
    public static MultiaddrProtocol Tcp { get; } = new("tcp", 6, MultiaddrValueKind.FixedSize, 2, MultiaddrValueFormat.Port);

    /// <summary><c>/udp/&lt;port&gt;</c>, code 273, 2 bytes big-endian.</summary>
    public static MultiaddrProtocol Udp { get; } = new("udp", 273, MultiaddrValueKind.FixedSize, 2, MultiaddrValueFormat.Port);

    /// <summary><c>/ip6/&lt;address&gt;</c>, code 41, 16 bytes.</summary>
    public static MultiaddrProtocol Ip6 { get; } = new("ip6", 41, MultiaddrValueKind.FixedSize, 16, MultiaddrValueFormat.Ip6);

    /// <summary><c>/ip6zone/&lt;zone&gt;</c>, code 42, UTF-8 (the scope of the <c>/ip6</c> that follows).</summary>
    public static MultiaddrProtocol Ip6Zone { get; } = new("ip6zone", 42, MultiaddrValueKind.VariableSize, 0, MultiaddrValueFormat.Utf8);

    /// <summary><c>/dns/&lt;name&gt;</c>, code 53, UTF-8; resolves to IPv4 or IPv6.</summary>
    public static MultiaddrProtocol Dns { get; } = new("dns", 53, MultiaddrValueKind.VariableSize, 0, MultiaddrValueFormat.Utf8);

    /// <summary><c>/dns4/&lt;name&gt;</c>, code 54, UTF-8; resolves to IPv4 only.</summary>
    public static MultiaddrProtocol Dns4 { get; } = new("dns4", 54, MultiaddrValueKind.VariableSize, 0, MultiaddrValueFormat.Utf8);

    /// <summary><c>/dns6/&lt;name&gt;</c>, code 55, UTF-8; resolves to IPv6 only.</summary>
    public static MultiaddrProtocol Dns6 { get; } = new("dns6", 55, MultiaddrValueKind.VariableSize, 0, MultiaddrValueFormat.Utf8);

    /// <summary><c>/dnsaddr/&lt;name&gt;</c>, code 56, UTF-8; resolved through <c>_dnsaddr</c> TXT records.</summary>
    public static MultiaddrProtocol DnsAddr { get; } = new("dnsaddr", 56, MultiaddrValueKind.VariableSize, 0, MultiaddrValueFormat.Utf8);

    /// <summary><c>/p2p/&lt;peer id&gt;</c> (legacy name <c>ipfs</c>), code 421, the peer id multihash.</summary>
    public static MultiaddrProtocol P2p { get; } = new("p2p", 421, MultiaddrValueKind.VariableSize, 0, MultiaddrValueFormat.PeerId);

    /// <summary><c>/p2p-circuit</c>, code 290, no value.</summary>
    public static MultiaddrProtocol P2pCircuit { get; } = new("p2p-circuit", 290, MultiaddrValueKind.None, 0, MultiaddrValueFormat.None);

    /// <summary><c>/tls</c>, code 448, no value.</summary>
    public static MultiaddrProtocol Tls { get; } = new("tls", 448, MultiaddrValueKind.None, 0, MultiaddrValueFormat.None);

    /// <summary><c>/noise</c>, code 454, no value.</summary>
    public static MultiaddrProtocol Noise { get; } = new("noise", 454, MultiaddrValueKind.None, 0, MultiaddrValueFormat.None);

    /// <summary><c>/quic-v1</c>, code 461, no value.</summary>
    public static MultiaddrProtocol QuicV1 { get; } = new("quic-v1", 461, MultiaddrValueKind.None, 0, MultiaddrValueFormat.None);

    /// <summary><c>/ws</c>, code 477, no value.</summary>
    public static MultiaddrProtocol Ws { get; } = new("ws", 477, MultiaddrValueKind.None, 0, MultiaddrValueFormat.None);

    /// <summary><c>/memory/&lt;address&gt;</c>, code 777, UTF-8 (in-process transports).</summary>
    public static MultiaddrProtocol Memory { get; } = new("memory", 777, MultiaddrValueKind.VariableSize, 0, MultiaddrValueFormat.Utf8);

    // Declared after the protocols: static initializers run in text order.
    private static readonly MultiaddrProtocol[] Table =
    [
        Ip4,
        Tcp,
        Udp,
        Ip6,
        Ip6Zone,
        Dns,
        Dns4,
        Dns6,
        DnsAddr,
        P2p,
        P2pCircuit,
        Tls,
        Noise,
        QuicV1,
        Ws,
        Memory,
    ];

    private static readonly FrozenDictionary<int, MultiaddrProtocol> ByCode = Table.ToFrozenDictionary(p => p.Code);

    // §4.2: "ipfs" is the legacy text name of p2p (same code); it parses but never prints.
    private static readonly FrozenDictionary<string, MultiaddrProtocol> ByName = Table
        .Select(p => KeyValuePair.Create(p.Name, p))
        .Append(KeyValuePair.Create("ipfs", P2p))
        .ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Every protocol in the table.</summary>
    public static IReadOnlyList<MultiaddrProtocol> All => Table;

    /// <summary>The text name (<c>ip4</c>, <c>p2p</c>…).</summary>
    public string Name { get; }

    /// <summary>The multicodec code written as a varint before the value.</summary>
    public int Code { get; }

    /// <summary>How the value is laid out in the binary form.</summary>
    public MultiaddrValueKind ValueKind { get; }

    /// <summary>The value's length in bytes when <see cref="ValueKind"/> is <see cref="MultiaddrValueKind.FixedSize"/>; otherwise 0.</summary>
    public int FixedSize { get; }

    /// <summary>How the value converts between text and bytes.</summary>
    internal MultiaddrValueFormat Format { get; }

    /// <summary>Finds a protocol by code; false for a code this table does not know.</summary>
    public static bool TryGetByCode(ulong code, [NotNullWhen(true)] out MultiaddrProtocol? protocol)
    {
        protocol = null;
        return code <= int.MaxValue && ByCode.TryGetValue((int)code, out protocol);
    }

    /// <summary>Finds a protocol by its text name (case-sensitive; <c>ipfs</c> gives <see cref="P2p"/>).</summary>
    public static bool TryGetByName(string name, [NotNullWhen(true)] out MultiaddrProtocol? protocol) =>
        ByName.TryGetValue(name, out protocol);

    /// <summary>The text name.</summary>
    public override string ToString() => Name;
}
