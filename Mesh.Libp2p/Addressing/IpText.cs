using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Mesh.Libp2p.Addressing;

/// <summary>
/// Strict text forms of IP addresses for multiaddrs. <see cref="IPAddress.TryParse(string?, out IPAddress?)"/>
/// accepts too much (<c>"1"</c>, <c>"0x7f.1"</c>, scope ids, brackets), so the text is checked here first.
/// </summary>
internal static class IpText
{
    private const int MaxIp6TextLength = 45;

    /// <summary>Parses a dotted quad of decimal octets without leading zeros (js multiaddr rejects <c>01.2.3.4</c> too).</summary>
    public static bool TryParseIp4(string text, Span<byte> destination)
    {
        var parts = text.Split('.');
        if (parts.Length != 4)
        {
            return false;
        }

        for (var i = 0; i < 4; i++)
        {
            if (!TryParseDecimal(parts[i], 255, out var octet))
            {
                return false;
            }

            destination[i] = (byte)octet;
        }

        return true;
    }

    /// <summary>Parses IPv6 text (compressed or not, with an optional trailing dotted quad), without scope or brackets.</summary>
    public static bool TryParseIp6(string text, Span<byte> destination)
    {
        if (text.Length is < 2 or > MaxIp6TextLength || !text.Contains(':', StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c) && c != ':' && c != '.')
            {
                return false;
            }
        }

        if (!IPAddress.TryParse(text, out var address) || address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        return address.TryWriteBytes(destination, out var written) && written == 16;
    }

    /// <summary>
    /// Formats 16 bytes the way js multiaddr 13 does (it round-trips through the WHATWG URL parser, wire notes §4.2):
    /// lower-case hex, no leading zeros, the first longest run of two or more zero groups as <c>::</c>,
    /// and no dotted-quad tail even for IPv4-mapped addresses (<c>::ffff:102:304</c>).
    /// </summary>
    public static string FormatIp6(ReadOnlySpan<byte> bytes)
    {
        Span<ushort> groups = stackalloc ushort[8];
        for (var i = 0; i < 8; i++)
        {
            groups[i] = BinaryPrimitives.ReadUInt16BigEndian(bytes[(2 * i)..]);
        }

        var (runStart, runLength) = LongestZeroRun(groups);
        var sb = new StringBuilder(39);
        for (var i = 0; i < 8; i++)
        {
            if (i == runStart)
            {
                sb.Append(i == 0 ? "::" : ":");
                i += runLength - 1;
                continue;
            }

            sb.Append(groups[i].ToString("x"));
            if (i < 7)
            {
                sb.Append(':');
            }
        }

        return sb.ToString();
    }

    /// <summary>Parses ASCII decimal digits without sign or leading zeros, at most <paramref name="max"/>.</summary>
    public static bool TryParseDecimal(string text, int max, out int value)
    {
        value = 0;
        if (text.Length is 0 or > 5 || (text.Length > 1 && text[0] == '0'))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return value <= max;
    }

    private static (int Start, int Length) LongestZeroRun(ReadOnlySpan<ushort> groups)
    {
        var bestStart = -1;
        var bestLength = 0;
        var i = 0;
        while (i < groups.Length)
        {
            if (groups[i] != 0)
            {
                i++;
                continue;
            }

            var start = i;
            while (i < groups.Length && groups[i] == 0)
            {
                i++;
            }

            // Strictly longer keeps the first run on ties; a single zero group is never compressed.
            if (i - start > bestLength && i - start > 1)
            {
                bestStart = start;
                bestLength = i - start;
            }
        }

        return (bestStart, bestLength);
    }
}
