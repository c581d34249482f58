namespace Mesh.Cli.Top;

/// <summary>Short forms of peer identities for table cells (amounts and ages are in <see cref="Output.Units"/>).</summary>
internal static class PeerFormat
{
    /// <summary>The length of a short peer id.</summary>
    public const int ShortIdLength = 6;

    /// <summary>
    /// The last six characters of a peer id. Every Ed25519 peer id starts with the same "12D3KooW", so the end is
    /// what tells peers apart; taking the end also works for any other id form.
    /// </summary>
    public static string ShortId(string id) => id.Length <= ShortIdLength ? id : id[^ShortIdLength..];

    /// <summary>
    /// A multiaddr as host:port ("192.168.1.7:4001", "[::1]:4001", "node.lan:4001"); the raw text when it is of
    /// another shape.
    /// </summary>
    public static string ShortAddress(string multiaddr)
    {
        var parts = multiaddr.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length >= 4 && parts[2] is "tcp" or "udp")
        {
            return parts[0] switch
            {
                "ip4" or "dns" or "dns4" or "dnsaddr" => parts[1] + ":" + parts[3],
                "ip6" or "dns6" => "[" + parts[1] + "]:" + parts[3],
                _ => multiaddr,
            };
        }

        return multiaddr;
    }

    /// <summary>The address worth showing in one cell: the first that is not loopback, else the first; "-" when none.</summary>
    public static string PreferredAddress(IReadOnlyList<string> addrs)
    {
        if (addrs.Count == 0)
        {
            return "-";
        }

        foreach (var addr in addrs)
        {
            if (!addr.StartsWith("/ip4/127.", StringComparison.Ordinal) && !addr.StartsWith("/ip6/::1/", StringComparison.Ordinal))
            {
                return ShortAddress(addr);
            }
        }

        return ShortAddress(addrs[0]);
    }
}
