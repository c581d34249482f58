using System.Text.Json.Nodes;
using Mesh.Tests.Interop;

namespace Mesh.Tests.Lab;

/// <summary>
/// Real mDNS multicast between processes in network namespaces made by <see cref="NetworkLab"/> (never in the root
/// namespace): the js-libp2p peer with @libp2p/mdns in one host, the C# host with <c>MdnsDiscovery</c> (the test assembly
/// run as a process, see <see cref="StartupHook"/>) in another.
/// </summary>
[Category("Lab")]
[NonParallelizable]
public class MdnsLabTests
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
    public async Task JsAndCSharpPeers_DiscoverEachOtherByMdns_AndConnect()
    {
        await using var lab = await NetworkLab.CreateAsync(2);

        await FindEachOtherAsync(lab, js: 0, csharp: 1);
    }

    [Test]
    public async Task HostileSender_MalformedPackets_DoNotStopDiscovery()
    {
        await using var lab = await NetworkLab.CreateAsync(3);
        var hostile = StartCSharp(lab, 2, "hostile");
        await hostile.WaitForLineAsync(l => l.Contains("\"ready\"", StringComparison.Ordinal), Wait, "hostile sender start");

        var csharp = await FindEachOtherAsync(lab, js: 0, csharp: 1);

        await csharp.SendLineAsync("stats");
        var stats = JsonNode.Parse(await csharp.WaitForLineAsync(l => l.Contains("\"stats\"", StringComparison.Ordinal), Wait, "stats"))!;
        Assert.That(stats["malformed"]!.GetValue<long>(), Is.GreaterThan(0), "the C# peer saw the hostile packets");
    }

    private static async Task<LabProcess> FindEachOtherAsync(NetworkLab lab, int js, int csharp)
    {
        JsDependencies.EnsureInstalled();
        var jsPeer = lab.Start(js, "node", ["peer.mjs", "--mdns", "--listen", $"/ip4/{lab.Hosts[js].Address}/tcp/0"], workingDirectory: RepositoryPaths.JsPeerDirectory);
        var jsId = Field(await jsPeer.WaitForLineAsync(l => l.Contains("\"ready\"", StringComparison.Ordinal), Wait, "js ready"), "peerId");
        var csPeer = StartCSharp(lab, csharp, "mdns-peer");
        var csId = Field(await csPeer.WaitForLineAsync(l => l.Contains("\"ready\"", StringComparison.Ordinal), Wait, "C# ready"), "peerId");

        // Both directions of discovery: each side names the other from an mDNS answer, then each sees the connection.
        await csPeer.WaitForLineAsync(l => IsEvent(l, "discovered", "peer", jsId), Wait, "C# discovering the js peer");
        await jsPeer.WaitForLineAsync(l => IsEvent(l, "peer:discovery", "peer", csId), Wait, "js discovering the C# peer");
        await csPeer.WaitForLineAsync(l => IsEvent(l, "connect", "peer", jsId), Wait, "C# connected to js");
        await jsPeer.WaitForLineAsync(l => IsEvent(l, "peer:connect", "peer", csId), Wait, "js connected to C#");
        return csPeer;
    }

    private static LabProcess StartCSharp(NetworkLab lab, int index, string role) =>
        lab.Start(
            index,
            "dotnet",
            [Path.Combine(AppContext.BaseDirectory, "Mesh.Tests.dll")],
            new Dictionary<string, string>
            {
                ["DOTNET_STARTUP_HOOKS"] = Path.Combine(AppContext.BaseDirectory, "Mesh.Tests.dll"),
                [LabPeerProgram.RoleVariable] = role,
                [LabPeerProgram.ListenVariable] = $"/ip4/{lab.Hosts[index].Address}/tcp/0",
                [LabPeerProgram.LifetimeVariable] = "60",
            });

    private static string Field(string line, string name) => JsonNode.Parse(line)![name]!.GetValue<string>();

    private static bool IsEvent(string line, string @event, string field, string value)
    {
        try
        {
            var node = JsonNode.Parse(line);
            return node?["event"]?.GetValue<string>() == @event && node[field]?.GetValue<string>() == value;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }
}
