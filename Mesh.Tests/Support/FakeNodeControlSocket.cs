using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Mesh.Core.Control;

namespace Mesh.Tests;

/// <summary>
/// A test double of a node's control API: a Unix socket that answers <c>GET /v1/peers</c> and <c>GET /v1/node</c>
/// with the contract's JSON (<see cref="ControlJsonContext"/>), and, when given an <see cref="ITaskControl"/>, the
/// task endpoints of docs/control-api.md (the output stream chunked, each line sent in small pieces). One request
/// per connection, then it closes; connections are served side by side (a followed output stream does not block a
/// cancel). It lets the real <c>mesh</c> binary be driven without a real node. Not an HTTP server: just enough of HTTP/1.1.
/// </summary>
internal sealed partial class FakeNodeControlSocket : IAsyncDisposable
{
    private const int MaxRequestBytes = 1024 * 1024;
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(5);

    private readonly Socket _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<PeersView> _peers;
    private readonly Func<NodeView> _node;
    private readonly ITaskControl? _tasks;
    private readonly List<Task> _connections = [];
    private readonly Lock _connectionsLock = new();
    private readonly Task _accepting;
    private int _requests;

    private FakeNodeControlSocket(string path, Func<PeersView> peers, Func<NodeView> node, ITaskControl? tasks)
    {
        Path = path;
        _peers = peers;
        _node = node;
        _tasks = tasks;
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

    /// <summary>The bytes of each piece an output stream line is cut into (each sent on its own).</summary>
    public int OutputPieceBytes { get; init; } = 7;

    /// <summary>Listens on a new socket in the temp folder; <paramref name="peers"/> is asked on every request, so it may change.</summary>
    public static FakeNodeControlSocket Start(Func<PeersView> peers, Func<NodeView>? node = null)
    {
        return new FakeNodeControlSocket(NewPath(), peers, node ?? (() => new NodeView { Id = peers().Self, Name = "fake" }), tasks: null);
    }

    /// <summary>Listens on a new socket that serves the task endpoints from <paramref name="tasks"/>, and <c>/v1/node</c> as <paramref name="node"/>.</summary>
    public static FakeNodeControlSocket StartWithTasks(ITaskControl tasks, NodeView node)
    {
        var peers = new PeersView(node.Id, [], new LayerTotals(default, default, default));
        return new FakeNodeControlSocket(NewPath(), () => peers, () => node, tasks);
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

        Task[] connections;
        lock (_connectionsLock)
        {
            connections = [.. _connections];
        }

        await Task.WhenAll(connections);
        _stop.Dispose();
        File.Delete(Path);
    }

    // sun_path holds 108 bytes: keep the name short.
    private static string NewPath() => System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"mesh-fake-{Guid.NewGuid().ToString("N")[..10]}.sock");

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

            var serving = ServeAsync(connection, cancellationToken);
            lock (_connectionsLock)
            {
                _connections.RemoveAll(t => t.IsCompleted);
                _connections.Add(serving);
            }
        }
    }

    private async Task ServeAsync(Socket connection, CancellationToken cancellationToken)
    {
        await Task.Yield();
        using (connection)
        {
            try
            {
                await AnswerAsync(connection, cancellationToken);
            }
            catch (Exception e) when (e is SocketException or IOException or OperationCanceledException or ObjectDisposedException)
            {
                // A client that hangs up early is its business; the others are served (or the loop ends when stopped).
            }
        }
    }

    private async Task AnswerAsync(Socket connection, CancellationToken cancellationToken)
    {
        var request = await ReadRequestAsync(connection, cancellationToken);
        if (_tasks is not null && TryRouteTask(request, out var route))
        {
            await route(connection, cancellationToken);
        }
        else
        {
            var (status, body) = request.Method == "GET" ? Route(request.Target) : ("405 Method Not Allowed", Error("only GET is served here"));
            await SendJsonAsync(connection, status, body, cancellationToken);
        }

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

    private static async Task SendJsonAsync(Socket connection, string status, string body, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var head = $"HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {bytes.Length}\r\nConnection: close\r\n\r\n";
        await connection.SendAsync(Encoding.ASCII.GetBytes(head), SocketFlags.None, cancellationToken);
        await connection.SendAsync(bytes, SocketFlags.None, cancellationToken);
    }

    private static async Task<FakeHttpRequest> ReadRequestAsync(Socket connection, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ReadTimeout);
        var buffer = new byte[MaxRequestBytes];
        var length = 0;
        var headEnd = -1;
        while (length < buffer.Length && headEnd < 0)
        {
            var read = await connection.ReceiveAsync(buffer.AsMemory(length), SocketFlags.None, timeout.Token);
            if (read == 0)
            {
                break;
            }

            length += read;
            headEnd = buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8);
        }

        var head = Encoding.ASCII.GetString(buffer, 0, headEnd < 0 ? length : headEnd);
        var lines = head.Split("\r\n");
        var requestLine = lines[0].Split(' ');
        var contentLength = 0;
        foreach (var line in lines.Skip(1))
        {
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            {
                contentLength = int.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        var bodyStart = headEnd < 0 ? length : headEnd + 4;
        while (length - bodyStart < contentLength && length < buffer.Length)
        {
            var read = await connection.ReceiveAsync(buffer.AsMemory(length), SocketFlags.None, timeout.Token);
            if (read == 0)
            {
                break;
            }

            length += read;
        }

        var body = buffer.AsSpan(bodyStart, Math.Min(contentLength, length - bodyStart)).ToArray();
        return new FakeHttpRequest(requestLine.Length > 0 ? requestLine[0] : "", requestLine.Length > 1 ? requestLine[1] : "/", body);
    }
}
