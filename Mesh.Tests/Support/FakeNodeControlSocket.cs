using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Mesh.Core.Control;

namespace Mesh.Tests;

/// <summary>
/// A test double of a node's control API: a Unix socket that answers <c>GET /v1/peers</c> and <c>GET /v1/node</c>
/// with the contract's JSON (<see cref="ControlJsonContext"/>), one request per connection, then closes. It lets
/// the real <c>mesh</c> binary be driven without a real node. Not an HTTP server: just enough of HTTP/1.1.
/// </summary>
internal sealed class FakeNodeControlSocket : IAsyncDisposable
{
    private const int MaxRequestBytes = 16 * 1024;
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(5);

    private readonly Socket _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<PeersView> _peers;
    private readonly Func<NodeView> _node;
    private readonly Task _accepting;
    private int _requests;

    private FakeNodeControlSocket(string path, Func<PeersView> peers, Func<NodeView> node)
    {
        Path = path;
        _peers = peers;
        _node = node;
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(path));
        _listener.Listen(16);
        _accepting = AcceptAsync(_stop.Token);
    }

    /// <summary>The socket file.</summary>
    public string Path { get; }

    /// <summary>What <c>--node</c> takes: <c>unix:PATH</c>.</summary>
    public string Endpoint => "unix:" + Path;

    /// <summary>Requests answered so far.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Listens on a new socket in the temp folder; <paramref name="peers"/> is asked on every request, so it may change.</summary>
    public static FakeNodeControlSocket Start(Func<PeersView> peers, Func<NodeView>? node = null)
    {
        // sun_path holds 108 bytes: keep the name short.
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"mesh-fake-{Guid.NewGuid().ToString("N")[..10]}.sock");
        return new FakeNodeControlSocket(path, peers, node ?? (() => new NodeView { Id = peers().Self, Name = "fake" }));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
        File.Delete(Path);
    }

    private async Task AcceptAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await _listener.AcceptAsync(cancellationToken);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }

            using (connection)
            {
                try
                {
                    await AnswerAsync(connection, cancellationToken);
                }
                catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
                {
                    // A client that hangs up early is its business; the next connection is served (or the loop ends when stopped).
                }
            }
        }
    }

    private async Task AnswerAsync(Socket connection, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ReadTimeout);
        var request = await ReadHeadAsync(connection, timeout.Token);
        var requestLine = request[..Math.Max(0, request.IndexOf("\r\n", StringComparison.Ordinal))].Split(' ');
        var (status, body) = requestLine is ["GET", var target, ..] ? Route(target) : ("405 Method Not Allowed", Error("only GET is served here"));
        var bytes = Encoding.UTF8.GetBytes(body);
        var head = $"HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {bytes.Length}\r\nConnection: close\r\n\r\n";
        await connection.SendAsync(Encoding.ASCII.GetBytes(head), SocketFlags.None, cancellationToken);
        await connection.SendAsync(bytes, SocketFlags.None, cancellationToken);
        Interlocked.Increment(ref _requests);
        connection.Shutdown(SocketShutdown.Send);
    }

    private (string Status, string Body) Route(string target) => target.Split('?')[0] switch
    {
        "/v1/peers" => ("200 OK", JsonSerializer.Serialize(_peers(), ControlJsonContext.Default.PeersView)),
        "/v1/node" => ("200 OK", JsonSerializer.Serialize(_node(), ControlJsonContext.Default.NodeView)),
        _ => ("404 Not Found", Error($"no such resource: {target}")),
    };

    private static string Error(string message) => JsonSerializer.Serialize(new ErrorView(message), ControlJsonContext.Default.ErrorView);

    private static async Task<string> ReadHeadAsync(Socket connection, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxRequestBytes];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await connection.ReceiveAsync(buffer.AsMemory(length), SocketFlags.None, cancellationToken);
            if (read == 0)
            {
                break;
            }

            length += read;
            if (buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8) >= 0)
            {
                break;
            }
        }

        return Encoding.ASCII.GetString(buffer, 0, length);
    }
}
