using System.Net.Sockets;
using System.Text.Json;
using Mesh.Core.Control;

namespace Mesh.Cli.Client;

/// <summary>
/// The control API client: HTTP/1.1 on the node's Unix domain socket, JSON through the source-generated
/// <see cref="ControlJsonContext"/> (so the CLI stays Native-AOT clean). Every failure becomes a
/// <see cref="ControlClientException"/> whose message is one line a person can act on.
/// </summary>
public sealed partial class UnixSocketControlClient : IControlClient
{
    private const string NodePath = "/v1/node";
    private const string PeersPath = "/v1/peers";
    private const string BenchmarkPath = "/v1/node/benchmark";

    private readonly string _socketPath;
    private readonly ControlClientOptions _options;
    private readonly HttpClient _http;

    /// <summary>Creates a client for the socket at <paramref name="socketPath"/>; nothing connects until a request.</summary>
    public UnixSocketControlClient(string socketPath, ControlClientOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(socketPath);
        _socketPath = socketPath;
        _options = options ?? new ControlClientOptions();
        _options.Validate();
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = ConnectAsync,
            ConnectTimeout = _options.ConnectTimeout,
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            MaxResponseHeadersLength = 64,
        };
        _http = new HttpClient(handler)
        {
            // The host name is only what the Host header says; the connect callback decides where bytes go.
            BaseAddress = new Uri("http://localhost"),
            Timeout = Timeout.InfiniteTimeSpan,
            MaxResponseContentBufferSize = _options.MaxResponseBytes,
        };
    }

    /// <inheritdoc />
    public string Endpoint => NodeLocator.UnixScheme + _socketPath;

    /// <inheritdoc />
    public Task<NodeView> GetNodeAsync(CancellationToken cancellationToken = default) =>
        SendAsync(new ControlRequest<NodeView>(HttpMethod.Get, NodePath, ControlJsonContext.Default.NodeView, _options.RequestTimeout), cancellationToken);

    /// <inheritdoc />
    public Task<PeersView> GetPeersAsync(CancellationToken cancellationToken = default) =>
        SendAsync(new ControlRequest<PeersView>(HttpMethod.Get, PeersPath, ControlJsonContext.Default.PeersView, _options.RequestTimeout), cancellationToken);

    /// <inheritdoc />
    public Task<NodeView> RerunBenchmarkAsync(CancellationToken cancellationToken = default) =>
        SendAsync(new ControlRequest<NodeView>(HttpMethod.Post, BenchmarkPath, ControlJsonContext.Default.NodeView, _options.BenchmarkTimeout), cancellationToken);

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private async Task<T> SendAsync<T>(ControlRequest<T> call, CancellationToken cancellationToken)
        where T : class
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (call.Timeout is { } timeout)
        {
            deadline.CancelAfter(timeout);
        }

        byte[] body;
        System.Net.HttpStatusCode status;
        try
        {
            using var request = call.CreateMessage();
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, deadline.Token).ConfigureAwait(false);
            status = response.StatusCode;
            body = await response.Content.ReadAsByteArrayAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw NoAnswer(call.Method, call.Path, call.Timeout, ex);
        }
        catch (HttpRequestException ex)
        {
            throw Unreachable(ex, call.Method, call.Path);
        }

        if ((int)status is < 200 or > 299)
        {
            throw Refused(call, status, body);
        }

        try
        {
            return JsonSerializer.Deserialize(body, call.Type)
                ?? throw new ControlClientException($"the node at {_socketPath} gave an empty answer to {call.Method} {call.Path}");
        }
        catch (JsonException ex)
        {
            throw new ControlClientException($"the node at {_socketPath} gave a malformed answer to {call.Method} {call.Path} (is it the same version as mesh?)", ex);
        }
    }

    private ControlClientException NoAnswer(HttpMethod method, string path, TimeSpan? timeout, Exception ex) =>
        new($"the node at {_socketPath} did not answer {method} {path} within {timeout.GetValueOrDefault().TotalSeconds:0.#} s", ex);

    private ControlClientException Refused(ControlRequest call, System.Net.HttpStatusCode status, byte[] body)
    {
        // The task endpoints answer 404 for an unknown id and 400 with a message written for people (docs/control-api.md).
        if (status == System.Net.HttpStatusCode.NotFound && call.TaskId is { } id)
        {
            return new ControlClientException($"no task {id} at this node");
        }

        if ((status == System.Net.HttpStatusCode.BadRequest && call.IsTaskEndpoint) || call.ErrorsForPeople)
        {
            return new ControlClientException(ErrorText(body));
        }

        return new ControlClientException($"the node at {_socketPath} refused {call.Method} {call.Path} ({(int)status}): {ErrorText(body)}");
    }

    private ControlClientException Unreachable(HttpRequestException ex, HttpMethod method, string path)
    {
        // ENOENT surfaces as AddressNotAvailable, a socket nobody listens on as ConnectionRefused.
        return FindSocketError(ex) switch
        {
            SocketError.AddressNotAvailable or SocketError.ConnectionRefused =>
                new ControlClientException(
                    $"no node is running at {_socketPath}: start one with `mesh-node` or point --node at it (or set MESH_NODE)", ex),
            SocketError.AccessDenied =>
                new ControlClientException(
                    $"permission denied on {_socketPath}: the node's socket is mode 0600, run mesh as the user who runs mesh-node", ex),
            SocketError.TimedOut =>
                new ControlClientException(
                    $"the node at {_socketPath} did not accept a connection within {_options.ConnectTimeout.TotalSeconds:0.#} s", ex),
            _ when ex.HttpRequestError is HttpRequestError.InvalidResponse or HttpRequestError.ResponseEnded =>
                new ControlClientException($"the node at {_socketPath} gave a malformed answer to {method} {path}: {ex.Message}", ex),
            _ => new ControlClientException($"cannot reach the node at {_socketPath}: {ex.Message}", ex),
        };
    }

    private static SocketError? FindSocketError(Exception ex)
    {
        for (Exception? current = ex; current is not null; current = current.InnerException)
        {
            if (current is SocketException socket)
            {
                return socket.SocketErrorCode;
            }

            if (current is TimeoutException)
            {
                return SocketError.TimedOut;
            }
        }

        return null;
    }

    private static string ErrorText(byte[] body)
    {
        try
        {
            if (JsonSerializer.Deserialize(body, ControlJsonContext.Default.ErrorView) is { Error: { Length: > 0 } error })
            {
                return error;
            }
        }
        catch (JsonException)
        {
            // Not our error format: say so below rather than print a stranger's bytes.
        }

        return "an answer that is not a control API error";
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            using var connectDeadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            connectDeadline.CancelAfter(_options.ConnectTimeout);
            try
            {
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(_socketPath), connectDeadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"connecting to {_socketPath} took longer than {_options.ConnectTimeout}", ex);
            }

            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
