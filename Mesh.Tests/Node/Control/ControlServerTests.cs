using System.Text.Json;
using Mesh.Cli.Client;
using Mesh.Core.Control;
using Mesh.Node.Control;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mesh.Tests.Node.Control;

/// <summary>The control API's endpoints, served to real clients on a temp socket by a fake node.</summary>
[TestFixture]
[CancelAfter(10_000)]
public sealed class ControlServerTests
{
    private ControlSocketDirectory _directory = null!;
    private FakeNodeControl _node = null!;
    private ControlServer _server = null!;

    [SetUp]
    public async Task StartServer()
    {
        _directory = new ControlSocketDirectory();
        _node = new FakeNodeControl();
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
    public async Task GetNode_FakeNode_ReturnsItsView()
    {
        using var client = new UnixSocketControlClient(_directory.SocketPath);

        var node = await client.GetNodeAsync();

        Assert.That(node, Is.EqualTo(_node.Node).Using<NodeView>(SameJson));
    }

    [Test]
    public async Task GetPeers_FakeNode_ReturnsTableAndTotals()
    {
        _node.Peers = ControlSamples.Peers(50);
        using var client = new UnixSocketControlClient(_directory.SocketPath);

        var peers = await client.GetPeersAsync();

        Assert.Multiple(() =>
        {
            Assert.That(peers.Self, Is.EqualTo(_node.Peers.Self));
            Assert.That(peers.Peers, Has.Count.EqualTo(50));
            Assert.That(JsonSerializer.Serialize(peers, ControlJsonContext.Default.PeersView), Is.EqualTo(JsonSerializer.Serialize(_node.Peers, ControlJsonContext.Default.PeersView)));
        });
    }

    [Test]
    public async Task PostBenchmark_FakeNode_RerunsAndReturnsNewScore()
    {
        using var client = new UnixSocketControlClient(_directory.SocketPath);

        var node = await client.RerunBenchmarkAsync();

        Assert.Multiple(() =>
        {
            Assert.That(_node.BenchmarkRuns, Is.EqualTo(1));
            Assert.That(node.Score, Is.EqualTo(1235.5));
        });
    }

    [Test]
    public async Task Get_UnknownPath_Returns404WithErrorView()
    {
        var response = await RawHttp.RequestAsync(_directory.SocketPath, "GET", "/v1/nothing");

        Assert.Multiple(() =>
        {
            Assert.That(response, Does.StartWith("HTTP/1.1 404 "));
            Assert.That(response, Does.Contain("Content-Type: application/json"));
            Assert.That(ErrorOf(response), Does.Contain("/v1/nothing"));
        });
    }

    [Test]
    public async Task Post_ToReadOnlyPath_Returns405WithAllow()
    {
        var response = await RawHttp.RequestAsync(_directory.SocketPath, "POST", "/v1/peers");

        Assert.Multiple(() =>
        {
            Assert.That(response, Does.StartWith("HTTP/1.1 405 "));
            Assert.That(response, Does.Contain("Allow: GET"));
            Assert.That(ErrorOf(response), Does.Contain("POST is not allowed on /v1/peers"));
        });
    }

    [Test]
    public async Task Get_BenchmarkPath_Returns405()
    {
        var response = await RawHttp.RequestAsync(_directory.SocketPath, "GET", "/v1/node/benchmark");

        Assert.That(response, Does.StartWith("HTTP/1.1 405 "));
        Assert.That(_node.BenchmarkRuns, Is.Zero);
    }

    [Test]
    public async Task Get_NodeThrows_Returns500WithOneLineAndKeepsServing()
    {
        _node.Failure = new InvalidOperationException("the ledger is closed\nsecond line of detail");

        var failed = await RawHttp.RequestAsync(_directory.SocketPath, "GET", "/v1/peers");
        _node.Failure = null;
        var next = await RawHttp.RequestAsync(_directory.SocketPath, "GET", "/v1/peers");

        Assert.Multiple(() =>
        {
            Assert.That(failed, Does.StartWith("HTTP/1.1 500 "));
            Assert.That(ErrorOf(failed), Is.EqualTo("the node failed to answer GET /v1/peers: the ledger is closed"));
            Assert.That(next, Does.StartWith("HTTP/1.1 200 "));
        });
    }

    [Test]
    public async Task Client_NodeThrows_SurfacesTheNodesErrorLine()
    {
        _node.Failure = new InvalidOperationException("the ledger is closed");
        using var client = new UnixSocketControlClient(_directory.SocketPath);

        var ex = Assert.ThrowsAsync<ControlClientException>(() => client.GetNodeAsync());

        Assert.That(ex!.Message, Does.Contain("(500): the node failed to answer GET /v1/node: the ledger is closed"));
        await Task.CompletedTask;
    }

    [Test]
    public async Task Get_TrailingSlash_IsForgiven()
    {
        var response = await RawHttp.RequestAsync(_directory.SocketPath, "GET", "/v1/node/");

        Assert.That(response, Does.StartWith("HTTP/1.1 200 "));
    }

    [Test]
    public async Task Client_ManyRequestsOnOneClient_ReuseItsConnection()
    {
        using var client = new UnixSocketControlClient(_directory.SocketPath);

        for (var i = 0; i < 20; i++)
        {
            var peers = await client.GetPeersAsync();
            Assert.That(peers.Peers, Has.Count.EqualTo(3));
        }
    }

    private static bool SameJson(NodeView left, NodeView right) =>
        JsonSerializer.Serialize(left, ControlJsonContext.Default.NodeView) == JsonSerializer.Serialize(right, ControlJsonContext.Default.NodeView);

    private static string ErrorOf(string response) =>
        JsonSerializer.Deserialize(RawHttp.Body(response), ControlJsonContext.Default.ErrorView)!.Error;
}
