using System.Net;
using System.Net.Sockets;

namespace Mesh.Tests.Lab;

/// <summary>
/// One host of a <see cref="NetworkLab"/>: a namespace with <c>eth0</c> on the lab bridge. <see cref="Address"/> is its
/// IPv4 address, or its IPv6 ULA address on an IPv6-only lab.
/// </summary>
internal sealed record LabHost(string Namespace, IPAddress Address, string BridgePort)
{
    /// <summary>The private IPv4 address; null on an IPv6-only lab.</summary>
    public IPAddress? IPv4Address => Address.AddressFamily == AddressFamily.InterNetwork ? Address : null;

    /// <summary>The ULA IPv6 address (fdXX:…/64); null on an IPv4 lab.</summary>
    public IPAddress? IPv6Address { get; init; }

    /// <summary>A listen multiaddr on <see cref="Address"/> with a port the system picks.</summary>
    public string ListenAddress => Address.AddressFamily == AddressFamily.InterNetwork ? $"/ip4/{Address}/tcp/0" : $"/ip6/{Address}/tcp/0";
}
