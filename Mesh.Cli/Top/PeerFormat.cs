using System.Globalization;

namespace Mesh.Cli.Top;

/// <summary>Short forms of peer fields for table cells.</summary>
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

    /// <summary>How long ago: "2s", "5m", "3h", "4d"; "-" when never.</summary>
    public static string Age(DateTimeOffset lastSeen, DateTimeOffset now)
    {
        if (lastSeen == default)
        {
            return "-";
        }

        var age = now - lastSeen;
        if (age < TimeSpan.Zero)
        {
            age = TimeSpan.Zero;
        }

        return age.TotalSeconds < 60 ? Whole(age.TotalSeconds) + "s"
            : age.TotalMinutes < 60 ? Whole(age.TotalMinutes) + "m"
            : age.TotalHours < 24 ? Whole(age.TotalHours) + "h"
            : Whole(age.TotalDays) + "d";
    }

    /// <summary>A score as a short number: "812", "12.5", "-" when not measured.</summary>
    public static string Score(double score) =>
        score <= 0 ? "-"
        : score >= 100 ? Math.Round(score).ToString("0", CultureInfo.InvariantCulture)
        : score.ToString("0.0", CultureInfo.InvariantCulture);

    private static string Whole(double value) => ((long)Math.Floor(value)).ToString(CultureInfo.InvariantCulture);
}
