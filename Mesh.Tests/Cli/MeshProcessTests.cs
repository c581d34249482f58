using System.Text.Json;
using Mesh.Core.Control;
using Mesh.Node.Control;
using Mesh.Tests.Node.Control;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mesh.Tests.Cli;

/// <summary>The real <c>mesh</c> program against a control server hosted in the test.</summary>
[TestFixture]
[NonParallelizable]
[CancelAfter(60_000)]
public sealed class MeshProcessTests
{
    private ControlSocketDirectory _directory = null!;
    private FakeNodeControl _node = null!;
    private ControlServer _server = null!;

    [SetUp]
    public async Task StartServer()
    {
        _directory = new ControlSocketDirectory();
        _node = new FakeNodeControl { Peers = ControlSamples.Peers(50) };
        _server = new ControlServer(_node, new ControlServerOptions { SocketPath = _directory.SocketPath }, NullLoggerFactory.Instance);
        await _server.StartAsync();
    }

    [TearDown]
    public async Task StopServer()
    {
        await _server.DisposeAsync();
        _directory.Dispose();
    }

    [Test]
    public async Task MeshPeersJson_RealProgram_PrintsTheNodesTable()
    {
        var result = await MeshProcess.RunAsync(NoMeshNode(), "peers", "--json", "--node", "unix:" + _directory.SocketPath);

        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        var parsed = JsonSerializer.Deserialize(result.Stdout, ControlJsonContext.Default.PeersView)!;
        Assert.Multiple(() =>
        {
            Assert.That(result.Stdout.TrimEnd(), Is.EqualTo(JsonSerializer.Serialize(_node.Peers, ControlJsonContext.Default.PeersView)));
            Assert.That(parsed.Peers, Has.Count.EqualTo(50));
            Assert.That(result.Stderr, Is.Empty);
        });
    }

    [Test]
    public async Task MeshPeersAndNode_FoundThroughMeshNodeVariable_PrintHumanForms()
    {
        var environment = new Dictionary<string, string?> { ["MESH_NODE"] = "unix:" + _directory.SocketPath };

        var peers = await MeshProcess.RunAsync(environment, "peers");
        var node = await MeshProcess.RunAsync(environment, "node");
        await TestContext.Out.WriteLineAsync(peers.Stdout + node.Stdout);

        Assert.Multiple(() =>
        {
            Assert.That(peers.ExitCode, Is.Zero, peers.Stderr);
            Assert.That(peers.Stdout.Split('\n').Max(l => l.Length), Is.LessThanOrEqualTo(80));
            Assert.That(peers.Stdout, Does.Contain("layer: 50"));
            Assert.That(node.ExitCode, Is.Zero, node.Stderr);
            Assert.That(node.Stdout, Does.Contain("name        alpha"));
        });
    }

    [Test]
    public async Task MeshPeers_NoNodeAtPath_OneLineExit1()
    {
        var missing = _directory.PathOf("none.sock");

        var result = await MeshProcess.RunAsync(NoMeshNode(), "peers", "--node", "unix:" + missing);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1));
            Assert.That(result.Stdout, Is.Empty);
            Assert.That(result.Stderr, Is.EqualTo($"mesh: no node is running at {missing}: start one with `mesh-node` or point --node at it (or set MESH_NODE)\n"));
        });
    }

    private static Dictionary<string, string?> NoMeshNode() => new() { ["MESH_NODE"] = null };
}
