namespace Mesh.Libp2p.Addressing;

/// <summary>Whether an address stays on this machine or this network (what js mDNS is willing to advertise).</summary>
public sealed partial class Multiaddr
{
    /// <summary>
    /// True when the address's IP (its first <c>/ip4</c> or <c>/ip6</c>, after an optional <c>/ip6zone</c>) is a
    /// loopback address: 127.0.0.0/8, ::1, or 127/8 mapped into IPv6. DNS names (even <c>localhost</c>) give false.
    /// </summary>
    public bool IsLoopback => TryGetLeadingIp(out var ip) && IpRanges.IsLoopback(ip);

    /// <summary>
    /// True when the address's IP (as for <see cref="IsLoopback"/>) is private, loopback, link-local or CGNAT:
    /// 0/8, 10/8, 100.64/10, 127/8, 169.254/16, 172.16/12, 192.168/16, ::, ::1, fc00::/7, fe80::/10, and IPv4-mapped
    /// forms of the IPv4 ranges; or when it is <c>/dns|dns4|dns6/localhost</c>, as js <c>isPrivate</c> also says.
    /// js mDNS (wire notes §11.2) advertises only such addresses. Other DNS names give false.
    /// </summary>
    /// <remarks>
    /// js's list is wider (it also counts documentation, benchmarking, reserved and multicast ranges, i.e. anything
    /// not globally routable); this one keeps to ranges a real LAN uses, so it never says more than js would.
    /// </remarks>
    public bool IsPrivate => TryGetLeadingIp(out var ip) ? IpRanges.IsPrivate(ip) : IsLocalhostName();

    private bool IsLocalhostName()
    {
        if (_components.Length == 0)
        {
            return false;
        }

        var first = _components[0];
        var isDnsName = ReferenceEquals(first.Protocol, MultiaddrProtocol.Dns)
            || ReferenceEquals(first.Protocol, MultiaddrProtocol.Dns4)
            || ReferenceEquals(first.Protocol, MultiaddrProtocol.Dns6);
        return isDnsName && string.Equals(first.TextValue, "localhost", StringComparison.OrdinalIgnoreCase);
    }

    private bool TryGetLeadingIp(out ReadOnlySpan<byte> ip)
    {
        ip = default;
        var i = _components.Length > 0 && ReferenceEquals(_components[0].Protocol, MultiaddrProtocol.Ip6Zone) ? 1 : 0;
        if (i >= _components.Length)
        {
            return false;
        }

        var protocol = _components[i].Protocol;
        if (ReferenceEquals(protocol, MultiaddrProtocol.Ip6) || (i == 0 && ReferenceEquals(protocol, MultiaddrProtocol.Ip4)))
        {
            ip = _components[i].Value;
            return true;
        }

        return false;
    }
}
