using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Mesh.Libp2p.Addressing;

namespace Mesh.Libp2p.Host;

/// <summary>Expands a listener bound to 0.0.0.0 or :: into the concrete addresses of the machine's interfaces.</summary>
internal static class ListenAddressExpander
{
    public static IEnumerable<Multiaddr> Expand(Multiaddr bound)
    {
        if (!bound.TryGetTcpEndPoint(out var endPoint) ||
            !(endPoint!.Address.Equals(IPAddress.Any) || endPoint.Address.Equals(IPAddress.IPv6Any)))
        {
            return [bound];
        }

        var family = endPoint.AddressFamily;
        var addresses = NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus is OperationalStatus.Up or OperationalStatus.Unknown)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(u => u.Address)
            .Where(a => a.AddressFamily == family && !(family == AddressFamily.InterNetworkV6 && a.IsIPv6LinkLocal))
            .Distinct()
            .OrderBy(a => IPAddress.IsLoopback(a) ? 0 : 1)
            .Select(a => Multiaddr.FromEndPoint(new IPEndPoint(a, endPoint.Port)))
            .ToList();
        return addresses.Count > 0 ? addresses : [bound];
    }
}
