namespace Mesh.Tests.Lab;

/// <summary>Which addresses a <see cref="NetworkLab"/> gives its hosts' <c>eth0</c>.</summary>
internal enum LabAddressing
{
    /// <summary>A private 10.x.y.0/24 address and the 224.0.0.0/4 route (the kernel adds an IPv6 link-local one as always).</summary>
    IPv4,

    /// <summary>No IPv4 address: a ULA fdXX:…/64 address and the kernel's link-local one, both usable at once (no DAD).</summary>
    IPv6Only,

    /// <summary>Both of the above.</summary>
    DualStack,
}
