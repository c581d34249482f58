using System.Text.Json.Nodes;
using Mesh.Tests.Interop;

namespace Mesh.Tests.Lab;

/// <summary>
/// mDNS over IPv6 (ff02::fb, port 5353) between processes in namespaces made by <see cref="NetworkLab"/>: hosts whose
/// <c>eth0</c> has no IPv4 address, only a ULA and the kernel's link-local address.
/// </summary>
[Category("Lab")]
[NonParallelizable]
public class MdnsIPv6LabTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [SetUp]
    public void RequireLab()
    {
        if (NetworkLab.UnavailableReason() is { } reason)
        {
            Assert.Ignore(reason);
        }
    }

    [Test]
    public async Task TwoCSharpPeers_IPv6Only_DiscoverEachOtherOverFf02Fb_AndConnect()
    {
        await using var lab = await NetworkLab.CreateAsync(2, LabAddressing.IPv6Only);
        var peers = new[] { StartCSharp(lab, 0), StartCSharp(lab, 1) };
        var ids = new string[2];
        for (var i = 0; i < 2; i++)
        {
            ids[i] = Field(await peers[i].WaitForLineAsync(l => IsEvent(l, "ready"), Wait, $"peer {i} ready"), "peerId");
        }

        for (var i = 0; i < 2; i++)
        {
            var other = 1 - i;
            var discovered = JsonNode.Parse(await peers[i].WaitForLineAsync(l => IsEvent(l, "discovered", "peer", ids[other]), Wait, $"peer {i} discovering peer {other}"))!;
            var addresses = discovered["addrs"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();
            Assert.That(addresses, Has.Some.StartsWith($"/ip6/{lab.Hosts[other].IPv6Address}/tcp/"), "the answer carries the other host's ULA address");
            Assert.That(addresses, Has.None.StartsWith("/ip4/"), "an IPv6-only host advertises no IPv4 address");
            await peers[i].WaitForLineAsync(l => IsEvent(l, "connect", "peer", ids[other]), Wait, $"peer {i} connected to peer {other}");
        }
    }

    [Test]
    public async Task JsAndCSharpPeers_IPv6ListenAddresses_DiscoverOverIPv4Mdns_AndConnectOverIPv6()
    {
        // js @libp2p/mdns 12 multicasts on 224.0.0.251 only (multicast-dns "udp4"), so the js side needs an IPv4 address
        // for the multicast; both sides listen (and so advertise and dial) on IPv6 only.
        JsDependencies.EnsureInstalled();
        await using var lab = await NetworkLab.CreateAsync(2, LabAddressing.DualStack);
        var js = lab.Start(0, "node", ["peer.mjs", "--mdns", "--listen", $"/ip6/{lab.Hosts[0].IPv6Address}/tcp/0"], workingDirectory: RepositoryPaths.JsPeerDirectory);
        var jsId = Field(await js.WaitForLineAsync(l => IsEvent(l, "ready"), Wait, "js ready"), "peerId");
        var csharp = StartCSharp(lab, 1, $"/ip6/{lab.Hosts[1].IPv6Address}/tcp/0", family: null);
        var csId = Field(await csharp.WaitForLineAsync(l => IsEvent(l, "ready"), Wait, "C# ready"), "peerId");

        var discovered = JsonNode.Parse(await csharp.WaitForLineAsync(l => IsEvent(l, "discovered", "peer", jsId), Wait, "C# discovering the js peer"))!;
        Assert.That(discovered["addrs"]!.AsArray().Select(a => a!.GetValue<string>()), Has.Some.StartsWith($"/ip6/{lab.Hosts[0].IPv6Address}/tcp/"));
        await js.WaitForLineAsync(l => IsEvent(l, "peer:discovery", "peer", csId), Wait, "js discovering the C# peer");
        await csharp.WaitForLineAsync(l => IsEvent(l, "connect", "peer", jsId), Wait, "C# connected to js");
        await js.WaitForLineAsync(l => IsEvent(l, "peer:connect", "peer", csId), Wait, "js connected to C#");
    }

    private static LabProcess StartCSharp(NetworkLab lab, int index) =>
        StartCSharp(lab, index, lab.Hosts[index].ListenAddress, family: "ipv6");

    private static LabProcess StartCSharp(NetworkLab lab, int index, string listen, string? family)
    {
        var environment = new Dictionary<string, string>
        {
            ["DOTNET_STARTUP_HOOKS"] = Path.Combine(AppContext.BaseDirectory, "Mesh.Tests.dll"),
            [LabPeerProgram.RoleVariable] = "mdns-peer",
            [LabPeerProgram.ListenVariable] = listen,
            [LabPeerProgram.LifetimeVariable] = "60",
        };
        if (family is not null)
        {
            environment[LabPeerProgram.MdnsFamilyVariable] = family;
        }

        return lab.Start(index, "dotnet", [Path.Combine(AppContext.BaseDirectory, "Mesh.Tests.dll")], environment);
    }

    private static string Field(string line, string name) => JsonNode.Parse(line)![name]!.GetValue<string>();

    private static bool IsEvent(string line, string @event, string? field = null, string? value = null)
    {
        try
        {
            var node = JsonNode.Parse(line);
            return node?["event"]?.GetValue<string>() == @event && (field is null || node[field]?.GetValue<string>() == value);
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }
}
