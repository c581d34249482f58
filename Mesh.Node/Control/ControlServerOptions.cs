using System.Text;

namespace Mesh.Node.Control;

/// <summary>
/// Where and how the control API listens. Every limit and timeout is explicit: the socket is local and mode 0600,
/// but a stuck or buggy client must still not tie the node up.
/// </summary>
public sealed class ControlServerOptions
{
    /// <summary>The socket's file name inside the data directory when no path is given.</summary>
    public const string DefaultFileName = "control.sock";

    /// <summary>The longest socket path Linux accepts (<c>sun_path</c> is 108 bytes with its terminating zero).</summary>
    public const int MaxSocketPathBytes = 107;

    /// <summary>The Unix domain socket path. Required; <see cref="DefaultPath"/> gives the usual one.</summary>
    public string SocketPath { get; set; } = "";

    /// <summary>The most bytes of request headers accepted (default 8 KiB; the API's requests carry a few dozen).</summary>
    public int MaxRequestHeadersTotalSize { get; set; } = 8 * 1024;

    /// <summary>The longest request line accepted (default 2 KiB).</summary>
    public int MaxRequestLineSize { get; set; } = 2 * 1024;

    /// <summary>The most request headers accepted (default 32).</summary>
    public int MaxRequestHeaderCount { get; set; } = 32;

    /// <summary>The largest request body accepted, except by <c>POST /v1/tasks</c> (default 4 KiB; the other endpoints read none).</summary>
    public long MaxRequestBodySize { get; set; } = 4 * 1024;

    /// <summary>The largest task request body (<c>POST /v1/tasks</c>) accepted (default 1 MiB: argv, environment and file lists).</summary>
    public long MaxSubmitBodySize { get; set; } = 1024 * 1024;

    /// <summary>
    /// The most clients connected at once (default 512). Kestrel closes a connection past it at once, so it sits far above
    /// what the `mesh` commands and output followers of one machine hold, and still bounds what a local process can pin.
    /// </summary>
    public long MaxConcurrentConnections { get; set; } = 512;

    /// <summary>How long a client may take to send its request headers (default 5 s).</summary>
    public TimeSpan RequestHeadersTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long an idle keep-alive connection is kept (default 30 s; <c>mesh top</c> polls on one connection).</summary>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long start-up waits for an existing socket to answer before calling it stale (default 1 s).</summary>
    public TimeSpan LiveProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long shutdown waits for requests in flight (default 2 s).</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary><c>DATA_DIR/control.sock</c>: the node's socket when <c>--control</c> is not given.</summary>
    public static string DefaultPath(string dataDir) => Path.Combine(dataDir, DefaultFileName);

    /// <summary>Throws <see cref="ArgumentException"/> or <see cref="ArgumentOutOfRangeException"/> naming the option at fault.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(SocketPath) || !Path.IsPathRooted(SocketPath))
        {
            throw new ArgumentException($"the control socket path must be absolute, not '{SocketPath}'", nameof(SocketPath));
        }

        if (Encoding.UTF8.GetByteCount(SocketPath) > MaxSocketPathBytes)
        {
            throw new ArgumentException(
                $"the control socket path '{SocketPath}' is longer than the {MaxSocketPathBytes} bytes a Unix socket allows: choose a shorter one",
                nameof(SocketPath));
        }

        Positive(MaxRequestHeadersTotalSize, nameof(MaxRequestHeadersTotalSize));
        Positive(MaxRequestLineSize, nameof(MaxRequestLineSize));
        Positive(MaxRequestHeaderCount, nameof(MaxRequestHeaderCount));
        Positive(MaxRequestBodySize, nameof(MaxRequestBodySize));
        Positive(MaxSubmitBodySize, nameof(MaxSubmitBodySize));
        Positive(MaxConcurrentConnections, nameof(MaxConcurrentConnections));
        Positive(RequestHeadersTimeout, nameof(RequestHeadersTimeout));
        Positive(KeepAliveTimeout, nameof(KeepAliveTimeout));
        Positive(LiveProbeTimeout, nameof(LiveProbeTimeout));
        Positive(ShutdownTimeout, nameof(ShutdownTimeout));
    }

    private static void Positive(long value, string name)
    {
        if (value <= 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive");
        }
    }

    private static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive");
        }
    }
}
