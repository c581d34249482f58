using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Mesh.Libp2p.Discovery;

/// <summary>A network interface mDNS runs on: its index, and its first IPv4 address if it has one.</summary>
internal sealed record MdnsInterface(string Name, int Index, IPAddress? IPv4Address, bool HasIPv6)
{
    /// <summary>The up, multicast-capable interfaces that <paramref name="options"/> selects.</summary>
    public static List<MdnsInterface> Select(MdnsOptions options)
    {
        var chosen = new List<MdnsInterface>();
        NetworkInterface[] all;
        try
        {
            all = NetworkInterface.GetAllNetworkInterfaces();
        }
        catch (NetworkInformationException)
        {
            return chosen;
        }

        foreach (var nic in all)
        {
            var loopback = nic.NetworkInterfaceType == NetworkInterfaceType.Loopback;

            // Linux reports loopback (and some virtual links) as Unknown rather than Up.
            var up = nic.OperationalStatus == OperationalStatus.Up || (loopback && nic.OperationalStatus == OperationalStatus.Unknown);
            if (!up || (!nic.SupportsMulticast && !loopback) || (loopback && !options.IncludeLoopback)
                || (options.InterfaceNames.Count > 0 && !options.InterfaceNames.Contains(nic.Name)))
            {
                continue;
            }

            if (TryDescribe(nic) is { } described)
            {
                chosen.Add(described);
            }
        }

        return chosen;
    }

    private static MdnsInterface? TryDescribe(NetworkInterface nic)
    {
        try
        {
            var properties = nic.GetIPProperties();
            var unicast = properties.UnicastAddresses.Select(u => u.Address).ToList();
            var v4 = unicast.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork);
            var hasV6 = unicast.Any(a => a.AddressFamily == AddressFamily.InterNetworkV6);
            var index = v4 is not null ? properties.GetIPv4Properties().Index : hasV6 ? properties.GetIPv6Properties().Index : -1;
            return index < 0 ? null : new MdnsInterface(nic.Name, index, v4, hasV6);
        }
        catch (NetworkInformationException)
        {
            return null;
        }
    }
}
