using System.Text.RegularExpressions;
using Mesh.Libp2p.Pnet;

namespace Mesh.Tests.Lab;

/// <summary>
/// Real <c>mesh-node</c> processes, one per network namespace of a <see cref="NetworkLab"/>, with no configuration
/// but a shared mesh key: they find each other by mDNS and connect; a node with another key connects to none.
/// </summary>
[Category("Lab")]
[NonParallelizable]
[CancelAfter(120_000)]
public partial class MeshNodeLabTests : LabFixture
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    /// <inheritdoc/>
    protected override string WorkPrefix => "mesh-lab-nodes-";

    [Test]
    public async Task MeshNodes_SameMeshKey_FindEachOtherByMdnsAndConnect_StrangerStaysOut()
    {
        const int Members = 3;
        await using var lab = await NetworkLab.CreateAsync(Members + 1);
        var meshKey = Path.Combine(Work.FullName, "swarm.key");
        await File.WriteAllTextAsync(meshKey, PreSharedKey.Generate().ToSwarmKeyText());

        var nodes = Enumerable.Range(0, Members + 1).Select(i => StartNode(lab, i, i < Members ? meshKey : null)).ToArray();
        var ids = new string[nodes.Length];
        for (var i = 0; i < nodes.Length; i++)
        {
            var line = await nodes[i].WaitForLineAsync(l => l.StartsWith("listening on ", StringComparison.Ordinal), Wait, $"node {i} listening");
            ids[i] = PeerIdOf().Match(line).Groups[1].Value;
        }

        for (var i = 0; i < Members; i++)
        {
            for (var j = 0; j < Members; j++)
            {
                if (i != j)
                {
                    await nodes[i].WaitForAnyOutputAsync(l => l.Contains("Connected to " + ids[j], StringComparison.Ordinal), Wait, $"node {i} connected to node {j}");
                }
            }
        }

        // The stranger hears the same mDNS answers but cannot get past the private-network layer.
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.That(nodes[Members].HasOutput(l => l.Contains("Connected to", StringComparison.Ordinal)), Is.False, nodes[Members].Output);
        for (var i = 0; i < Members; i++)
        {
            Assert.That(nodes[i].HasOutput(l => l.Contains("Connected to " + ids[Members], StringComparison.Ordinal)), Is.False, nodes[i].Output);
        }
    }

    private LabProcess StartNode(NetworkLab lab, int index, string? meshKey)
    {
        string[] arguments =
        [
            Path.Combine(AppContext.BaseDirectory, "mesh-node.dll"),
            "--data-dir", Path.Combine(Work.FullName, $"node{index}"),
            "--listen", $"/ip4/{lab.Hosts[index].Address}/tcp/4001",
        ];
        return lab.Start(index, "dotnet", meshKey is null ? arguments : [.. arguments, "--mesh-key", meshKey]);
    }

    [GeneratedRegex(@"/p2p/(12D3KooW[1-9A-HJ-NP-Za-km-z]+)")]
    private static partial Regex PeerIdOf();
}
