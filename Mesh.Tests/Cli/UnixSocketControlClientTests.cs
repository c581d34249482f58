using System.Net.Sockets;
using System.Text;
using Mesh.Cli.Client;
using Mesh.Tests.Node.Control;

namespace Mesh.Tests.Cli;

/// <summary>The client's failures: each a single line that says what happened and what to do.</summary>
[TestFixture]
[CancelAfter(10_000)]
public sealed class UnixSocketControlClientTests
{
    private ControlSocketDirectory _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = new ControlSocketDirectory();

    [TearDown]
    public void DeleteDirectory() => _directory.Dispose();

    [Test]
    public void GetPeers_NoSocketFile_ExactNoNodeMessage()
    {
        using var client = new UnixSocketControlClient(_directory.SocketPath);

        var ex = Assert.ThrowsAsync<ControlClientException>(() => client.GetPeersAsync());

        Assert.That(ex!.Message, Is.EqualTo($"no node is running at {_directory.SocketPath}: start one with `mesh-node` or point --node at it (or set MESH_NODE)"));
    }

    [Test]
    public void GetNode_SocketFileNobodyListens_SameNoNodeMessage()
    {
        using var dead = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        dead.Bind(new UnixDomainSocketEndPoint(_directory.SocketPath));
        using var client = new UnixSocketControlClient(_directory.SocketPath);

        var ex = Assert.ThrowsAsync<ControlClientException>(() => client.GetNodeAsync());

        Assert.That(ex!.Message, Does.StartWith($"no node is running at {_directory.SocketPath}:"));
    }

    [Test]
    public async Task GetPeers_MalformedJson_NamesTheEndpoint()
    {
        await using var server = await OneShotServer.StartAsync(_directory.SocketPath, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 9\r\nConnection: close\r\n\r\n{\"self\":[");
        using var client = new UnixSocketControlClient(_directory.SocketPath);

        var ex = Assert.ThrowsAsync<ControlClientException>(() => client.GetPeersAsync());

        Assert.That(ex!.Message, Does.StartWith($"the node at {_directory.SocketPath} gave a malformed answer to GET /v1/peers"));
    }

    [Test]
    public async Task GetNode_NotHttp_NamesTheEndpoint()
    {
        await using var server = await OneShotServer.StartAsync(_directory.SocketPath, "SSH-2.0-OpenSSH_9.2\r\n");
        using var client = new UnixSocketControlClient(_directory.SocketPath);

        var ex = Assert.ThrowsAsync<ControlClientException>(() => client.GetNodeAsync());

        Assert.That(ex!.Message, Does.Contain("malformed answer to GET /v1/node"));
    }

    [Test]
    public async Task GetNode_ErrorWithoutErrorView_SaysItIsNotOurs()
    {
        await using var server = await OneShotServer.StartAsync(_directory.SocketPath, "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 5\r\nConnection: close\r\n\r\nnope!");
        using var client = new UnixSocketControlClient(_directory.SocketPath);

        var ex = Assert.ThrowsAsync<ControlClientException>(() => client.GetNodeAsync());

        Assert.That(ex!.Message, Is.EqualTo($"the node at {_directory.SocketPath} refused GET /v1/node (502): an answer that is not a control API error"));
    }

    [Test]
    public async Task GetNode_ServerNeverAnswers_TimesOutWithOneLine()
    {
        await using var server = await OneShotServer.StartAsync(_directory.SocketPath, answer: null);
        using var client = new UnixSocketControlClient(_directory.SocketPath, new ControlClientOptions { RequestTimeout = TimeSpan.FromMilliseconds(300) });

        var ex = Assert.ThrowsAsync<ControlClientException>(() => client.GetNodeAsync());

        Assert.That(ex!.Message, Is.EqualTo($"the node at {_directory.SocketPath} did not answer GET /v1/node within 0.3 s"));
    }

    [Test]
    public void GetNode_PermissionDenied_SaysSo()
    {
        Assume.That(Environment.UserName, Is.Not.EqualTo("root"), "root passes every permission check");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(_directory.SocketPath));
        listener.Listen();
        File.SetUnixFileMode(_directory.SocketPath, UnixFileMode.None);
        using var client = new UnixSocketControlClient(_directory.SocketPath);

        var ex = Assert.ThrowsAsync<ControlClientException>(() => client.GetNodeAsync());

        Assert.That(ex!.Message, Does.StartWith($"permission denied on {_directory.SocketPath}"));
    }

    [Test]
    public void Endpoint_IsUnixSchemePath()
    {
        using var client = new UnixSocketControlClient("/run/mesh/control.sock");

        Assert.That(client.Endpoint, Is.EqualTo("unix:/run/mesh/control.sock"));
    }

    /// <summary>Accepts one connection, reads the request, sends a canned answer (or nothing) and closes.</summary>
    private sealed class OneShotServer : IAsyncDisposable
    {
        private readonly Socket _listener;
        private readonly Task _serving;

        private OneShotServer(Socket listener, string? answer)
        {
            _listener = listener;
            _serving = ServeAsync(answer);
        }

        public static Task<OneShotServer> StartAsync(string path, string? answer)
        {
            var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            listener.Bind(new UnixDomainSocketEndPoint(path));
            listener.Listen();
            return Task.FromResult(new OneShotServer(listener, answer));
        }

        public async ValueTask DisposeAsync()
        {
            _listener.Dispose();
            try
            {
                await _serving;
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                // The listener was closed under the accept: that is how it stops.
            }
        }

        private async Task ServeAsync(string? answer)
        {
            using var connection = await _listener.AcceptAsync();
            var buffer = new byte[4096];
            await connection.ReceiveAsync(buffer, SocketFlags.None);
            if (answer is null)
            {
                // Hold the connection open and silent until the test ends.
                using var held = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await connection.ReceiveAsync(buffer, SocketFlags.None, held.Token);
                return;
            }

            await connection.SendAsync(Encoding.ASCII.GetBytes(answer), SocketFlags.None);
            connection.Shutdown(SocketShutdown.Both);
        }
    }
}
