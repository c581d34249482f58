using System.Net.Http.Json;
using System.Net.Sockets;
using Mesh.Core.Control;

namespace Mesh.Tests.Cli.Top;

/// <summary>The node double the tmux test uses answers like the control API: checked with a plain HttpClient.</summary>
public sealed class FakeNodeControlSocketTests
{
    private static HttpClient Client(string path) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (_, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        },
    })
    {
        BaseAddress = new Uri("http://localhost"),
    };

    [Test]
    public async Task Get_Peers_ServesTheContractJsonOnEveryRequest()
    {
        await using var node = FakeNodeControlSocket.Start(() => TopTestPeers.Three);
        using var http = Client(node.Path);

        var first = await http.GetFromJsonAsync("/v1/peers", ControlJsonContext.Default.PeersView);
        var second = await http.GetFromJsonAsync("/v1/peers", ControlJsonContext.Default.PeersView);
        var self = await http.GetFromJsonAsync("/v1/node", ControlJsonContext.Default.NodeView);

        Assert.Multiple(() =>
        {
            Assert.That(first!.Self, Is.EqualTo(TopTestPeers.IdA));
            Assert.That(first.Peers.Select(p => p.Name), Is.EqualTo(new[] { "alpha", "bravo", "charlie-gpu-box" }));
            Assert.That(first.Peers[2].Gpus[0].Model, Is.EqualTo("NVIDIA H100 80GB HBM3"));
            Assert.That(first.Totals, Is.EqualTo(TopTestPeers.Three.Totals));
            Assert.That(second!.Peers, Has.Count.EqualTo(3));
            Assert.That(self!.Id, Is.EqualTo(TopTestPeers.IdA));
            Assert.That(node.Requests, Is.EqualTo(3));
            Assert.That(node.Endpoint, Is.EqualTo("unix:" + node.Path));
        });
    }

    [Test]
    public async Task Get_UnknownPath_Is404WithAnErrorBody()
    {
        await using var node = FakeNodeControlSocket.Start(() => TopTestPeers.Three);
        using var http = Client(node.Path);

        using var response = await http.GetAsync("/v1/tasks");
        var error = await response.Content.ReadFromJsonAsync(ControlJsonContext.Default.ErrorView);

        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(404));
            Assert.That(error!.Error, Does.Contain("/v1/tasks"));
        });
    }

    [Test]
    public async Task DisposeAsync_RemovesTheSocketFile()
    {
        var node = FakeNodeControlSocket.Start(() => TopTestPeers.Three);
        Assert.That(File.Exists(node.Path), Is.True);

        await node.DisposeAsync();

        Assert.That(File.Exists(node.Path), Is.False);
    }
}
