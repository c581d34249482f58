using System.Net.Sockets;
using Mesh.Core.Control;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mesh.Node.Control;

/// <summary>
/// The control API: HTTP/1.1 and JSON on a Unix domain socket of mode 0600 (the Docker and Podman convention),
/// served by Kestrel without the web host around it. Start it once, dispose it to stop; the socket file is
/// removed on the way out.
/// </summary>
public sealed partial class ControlServer : IAsyncDisposable
{
    private readonly INodeControl _node;
    private readonly ITaskControl? _tasks;
    private readonly IJournalControl? _journal;
    private CancellationTokenSource _stopping = new();
    private readonly ControlServerOptions _options;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private KestrelServer? _server;
    private bool _disposed;

    /// <summary>Creates the server; nothing listens until <see cref="StartAsync"/>.</summary>
    /// <exception cref="ArgumentException">An option is invalid (the message names it).</exception>
    public ControlServer(INodeControl node, ControlServerOptions options, ILoggerFactory loggers)
        : this(node, null, options, loggers)
    {
    }

    /// <summary>Creates the server with the task routes served by <paramref name="tasks"/> (null: they answer 503).</summary>
    /// <exception cref="ArgumentException">An option is invalid (the message names it).</exception>
    public ControlServer(INodeControl node, ITaskControl? tasks, ControlServerOptions options, ILoggerFactory loggers)
        : this(node, tasks, null, options, loggers)
    {
    }

    /// <summary>
    /// Creates the server with the task routes served by <paramref name="tasks"/> and the journal routes by
    /// <paramref name="journal"/> (null: they answer 503).
    /// </summary>
    /// <exception cref="ArgumentException">An option is invalid (the message names it).</exception>
    public ControlServer(INodeControl node, ITaskControl? tasks, IJournalControl? journal, ControlServerOptions options, ILoggerFactory loggers)
    {
        _journal = journal;
        ArgumentNullException.ThrowIfNull(node);
        _tasks = tasks;
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        options.Validate();
        _node = node;
        _options = options;
        _loggers = loggers;
        _logger = loggers.CreateLogger<ControlServer>();
    }

    /// <summary>The socket path served.</summary>
    public string SocketPath => _options.SocketPath;

    /// <summary>True between a successful <see cref="StartAsync"/> and <see cref="StopAsync"/>.</summary>
    public bool IsRunning => _server is not null;

    /// <summary>
    /// Claims the socket path (a dead node's socket is replaced; a live node's is not), binds it with mode 0600 and
    /// starts serving.
    /// </summary>
    /// <exception cref="NodeStartException">Another node serves the path, or the path cannot be used.</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_server is not null)
            {
                throw new InvalidOperationException("The control server is already running.");
            }

            var path = _options.SocketPath;
            EnsureDirectory(path);
            if (await ControlSocketFile.ClaimAsync(path, _options.LiveProbeTimeout, cancellationToken).ConfigureAwait(false)
                == ControlSocketFile.Claim.StaleReplaced)
            {
                LogStaleSocketReplaced(_logger, path);
            }

            var server = CreateKestrel();
            try
            {
                if (_stopping.IsCancellationRequested)
                {
                    _stopping.Dispose();
                    _stopping = new CancellationTokenSource();
                }

                var application = new ControlApplication(_node, _tasks, _journal, _options.MaxSubmitBodySize, _logger, _stopping.Token);
                await server.StartAsync(application, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or SocketException or UnauthorizedAccessException)
            {
                await server.StopAsync(CancellationToken.None).ConfigureAwait(false);
                server.Dispose();
                throw new NodeStartException($"cannot serve the control API at {path}: {ex.Message}", ex);
            }

            _server = server;
            LogListening(_logger, path);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops serving (requests in flight get <see cref="ControlServerOptions.ShutdownTimeout"/>) and removes the socket file.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_server is not { } server)
            {
                return;
            }

            _server = null;

            // Long requests (wait, follow) end now rather than hold the shutdown for its whole grace period.
            await _stopping.CancelAsync().ConfigureAwait(false);
            using var grace = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            grace.CancelAfter(_options.ShutdownTimeout);
            try
            {
                await server.StopAsync(grace.Token).ConfigureAwait(false);
            }
            finally
            {
                server.Dispose();
                ControlSocketFile.Remove(_options.SocketPath);
                LogStopped(_logger, _options.SocketPath);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops the server if it runs.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        await StopAsync().ConfigureAwait(false);
        _disposed = true;
        _gate.Dispose();
        _stopping.Dispose();
    }

    private KestrelServer CreateKestrel()
    {
        var kestrel = new KestrelServerOptions { AddServerHeader = false };
        var limits = kestrel.Limits;
        limits.MaxRequestHeadersTotalSize = _options.MaxRequestHeadersTotalSize;
        limits.MaxRequestLineSize = _options.MaxRequestLineSize;
        limits.MaxRequestHeaderCount = _options.MaxRequestHeaderCount;
        limits.MaxRequestBodySize = _options.MaxRequestBodySize;
        limits.MaxConcurrentConnections = _options.MaxConcurrentConnections;
        limits.MaxConcurrentUpgradedConnections = 0;
        limits.RequestHeadersTimeout = _options.RequestHeadersTimeout;
        limits.KeepAliveTimeout = _options.KeepAliveTimeout;

        // A follower that reads slowly (mesh logs piped to a pager) holds the stream by backpressure, not an abort.
        limits.MinResponseDataRate = null;
        limits.MaxRequestBufferSize = _options.MaxRequestHeadersTotalSize + Math.Max(_options.MaxRequestBodySize, _options.MaxSubmitBodySize);
        kestrel.ListenUnixSocket(_options.SocketPath, listen => listen.Protocols = HttpProtocols.Http1);

        var transport = new SocketTransportOptions
        {
            // One I/O queue: the API serves one person's commands, not a fleet.
            IOQueueCount = 1,
            CreateBoundListenSocket = endPoint => endPoint is UnixDomainSocketEndPoint unix
                ? ControlSocketFile.Bind(unix, _options.SocketPath)
                : SocketTransportOptions.CreateDefaultBoundListenSocket(endPoint),
        };
        return new KestrelServer(Options.Create(kestrel), new SocketTransportFactory(Options.Create(transport), _loggers), _loggers);
    }

    private static void EnsureDirectory(string socketPath)
    {
        var directory = Path.GetDirectoryName(socketPath);
        if (string.IsNullOrEmpty(directory) || Directory.Exists(directory))
        {
            return;
        }

        // A new directory for the socket is private too: the socket's own mode is the guard, this is a second one.
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
