namespace Mesh.Libp2p.Addressing;

/// <summary>
/// Address ranges that never leave the local network, on raw address bytes (4 or 16). IPv4-mapped IPv6
/// addresses (<c>::ffff:a.b.c.d</c>) are judged by their IPv4 part, as js <c>isPrivate</c> does.
/// </summary>
internal static class IpRanges
{
    /// <summary>127.0.0.0/8 and ::1 (and 127/8 mapped into IPv6).</summary>
    public static bool IsLoopback(ReadOnlySpan<byte> address)
    {
        if (TryUnmap(address, out var ip4))
        {
            return ip4[0] == 127;
        }

        return address[..15].IndexOfAnyExcept((byte)0) < 0 && address[15] == 1;
    }

    /// <summary>
    /// Loopback, "this network" 0.0.0.0/8, RFC 1918 (10/8, 172.16/12, 192.168/16), link-local 169.254/16,
    /// CGNAT 100.64/10; for IPv6 the unspecified address, ::1, unique-local fc00::/7 and link-local fe80::/10.
    /// </summary>
    public static bool IsPrivate(ReadOnlySpan<byte> address)
    {
        if (TryUnmap(address, out var ip4))
        {
            return ip4[0] switch
            {
                0 or 10 or 127 => true,
                100 => (ip4[1] & 0xc0) == 64,
                169 => ip4[1] == 254,
                172 => (ip4[1] & 0xf0) == 16,
                192 => ip4[1] == 168,
                _ => false,
            };
        }

        var unspecifiedOrLoopback = address[..15].IndexOfAnyExcept((byte)0) < 0 && address[15] <= 1;
        var uniqueLocal = (address[0] & 0xfe) == 0xfc;
        var linkLocal = address[0] == 0xfe && (address[1] & 0xc0) == 0x80;
        return unspecifiedOrLoopback || uniqueLocal || linkLocal;
    }

    // Gives the IPv4 bytes of a 4-byte address or of an IPv4-mapped IPv6 one.
    private static bool TryUnmap(ReadOnlySpan<byte> address, out ReadOnlySpan<byte> ip4)
    {
        if (address.Length == 4)
        {
            ip4 = address;
            return true;
        }

        var mapped = address[..10].IndexOfAnyExcept((byte)0) < 0 && address[10] == 0xff && address[11] == 0xff;
        ip4 = mapped ? address[12..] : default;
        return mapped;
    }
}
