namespace Mesh.Libp2p.Addressing;

/// <summary>How a protocol's value converts between its text and binary forms.</summary>
internal enum MultiaddrValueFormat
{
    /// <summary>No value.</summary>
    None,

    /// <summary>Dotted-quad IPv4 text, 4 bytes.</summary>
    Ip4,

    /// <summary>IPv6 text, 16 bytes.</summary>
    Ip6,

    /// <summary>Decimal port text, 2 bytes big-endian.</summary>
    Port,

    /// <summary>Non-empty UTF-8 text without '/', stored as its bytes (names, zones, memory addresses).</summary>
    Utf8,

    /// <summary>A peer id: base58 or CID text, its multihash bytes.</summary>
    PeerId,
}
