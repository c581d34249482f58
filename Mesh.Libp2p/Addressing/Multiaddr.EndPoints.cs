using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Mesh.Libp2p.Addressing;

/// <summary>Conversions between TCP multiaddrs and socket endpoints.</summary>
public sealed partial class Multiaddr
{
    /// <summary>
    /// The TCP multiaddr of an endpoint: <c>/ip4/a.b.c.d/tcp/port</c> or <c>/ip6/…/tcp/port</c>. An IPv4-mapped IPv6
    /// address (what a dual-mode socket reports for an IPv4 peer) becomes <c>/ip4</c>; an IPv6 scope id becomes
    /// a leading <c>/ip6zone/&lt;id&gt;</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The endpoint is neither IPv4 nor IPv6.</exception>
    public static Multiaddr FromEndPoint(IPEndPoint endPoint)
    {
        var address = endPoint.Address.IsIPv4MappedToIPv6 ? endPoint.Address.MapToIPv4() : endPoint.Address;
        var components = new List<MultiaddrComponent>(3);
        switch (address.AddressFamily)
        {
            case AddressFamily.InterNetwork:
                components.Add(FromRaw(MultiaddrProtocol.Ip4, address.GetAddressBytes()));
                break;

            case AddressFamily.InterNetworkV6:
                if (address.ScopeId != 0)
                {
                    components.Add(MultiaddrComponent.Create(
                        MultiaddrProtocol.Ip6Zone, address.ScopeId.ToString(CultureInfo.InvariantCulture)));
                }

                components.Add(FromRaw(MultiaddrProtocol.Ip6, address.GetAddressBytes()));
                break;

            default:
                throw new ArgumentException($"{address.AddressFamily} endpoints have no multiaddr form.", nameof(endPoint));
        }

        var port = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(port, (ushort)endPoint.Port);
        components.Add(FromRaw(MultiaddrProtocol.Tcp, port));
        return new Multiaddr([.. components]);
    }

    /// <summary>
    /// The endpoint of a raw TCP address: <c>/ip4|ip6/…/tcp/port</c>, optionally after <c>/ip6zone/&lt;numeric id&gt;</c>
    /// and optionally followed by <c>/p2p/…</c>. False for anything else (DNS names, <c>/ws</c>, circuits, named zones).
    /// </summary>
    public bool TryGetTcpEndPoint([NotNullWhen(true)] out IPEndPoint? endPoint)
    {
        endPoint = null;
        var i = 0;
        long scopeId = 0;
        if (_components.Length > 0 && ReferenceEquals(_components[0].Protocol, MultiaddrProtocol.Ip6Zone))
        {
            // Interface names would need a lookup of the machine's interfaces; only numeric zones convert here.
            if (!long.TryParse(_components[0].TextValue, NumberStyles.None, CultureInfo.InvariantCulture, out scopeId)
                || scopeId > uint.MaxValue)
            {
                return false;
            }

            i = 1;
        }

        if (!IsTcpTail(i + 1))
        {
            return false;
        }

        var ip = _components[i];
        if (ReferenceEquals(ip.Protocol, MultiaddrProtocol.Ip6))
        {
            endPoint = new IPEndPoint(new IPAddress(ip.Value, scopeId), ReadPort(i + 1));
            return true;
        }

        if (i == 0 && ReferenceEquals(ip.Protocol, MultiaddrProtocol.Ip4))
        {
            endPoint = new IPEndPoint(new IPAddress(ip.Value), ReadPort(i + 1));
            return true;
        }

        return false;
    }

    /// <summary>
    /// The host of a DNS TCP address: <c>/dns|dns4|dns6/&lt;host&gt;/tcp/port</c>, optionally followed by <c>/p2p/…</c>.
    /// <paramref name="family"/> is <see cref="AddressFamily.InterNetwork"/> for dns4,
    /// <see cref="AddressFamily.InterNetworkV6"/> for dns6 and <see cref="AddressFamily.Unspecified"/> for dns.
    /// </summary>
    public bool TryGetDnsTcp([NotNullWhen(true)] out string? host, out int port, out AddressFamily family)
    {
        host = null;
        port = 0;
        family = AddressFamily.Unspecified;
        if (_components.Length == 0 || !IsTcpTail(1))
        {
            return false;
        }

        var name = _components[0];
        if (ReferenceEquals(name.Protocol, MultiaddrProtocol.Dns4))
        {
            family = AddressFamily.InterNetwork;
        }
        else if (ReferenceEquals(name.Protocol, MultiaddrProtocol.Dns6))
        {
            family = AddressFamily.InterNetworkV6;
        }
        else if (!ReferenceEquals(name.Protocol, MultiaddrProtocol.Dns))
        {
            return false;
        }

        host = name.TextValue!;
        port = ReadPort(1);
        return true;
    }

    private static MultiaddrComponent FromRaw(MultiaddrProtocol protocol, byte[] value)
    {
        MultiaddrComponent.TryFromBytes(protocol, value, out var component);
        return component!;
    }

    // True when the component at tcpIndex is /tcp and at most a /p2p follows it.
    private bool IsTcpTail(int tcpIndex)
    {
        var remaining = _components.Length - tcpIndex;
        return remaining is 1 or 2
            && ReferenceEquals(_components[tcpIndex].Protocol, MultiaddrProtocol.Tcp)
            && (remaining == 1 || ReferenceEquals(_components[tcpIndex + 1].Protocol, MultiaddrProtocol.P2p));
    }

    private int ReadPort(int index) => BinaryPrimitives.ReadUInt16BigEndian(_components[index].Value);
}
