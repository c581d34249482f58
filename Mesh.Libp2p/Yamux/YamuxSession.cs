using System.Threading.Channels;
using Mesh.Libp2p.Channels;
using Microsoft.Extensions.Logging;

namespace Mesh.Libp2p.Yamux;

/// <summary>
/// A yamux (<c>/yamux/1.0.0</c>) session over one <see cref="IDuplexChannel"/>, interoperable with
/// js-libp2p-yamux 8 and go-yamux (wire notes §7). It owns three loops started by <see cref="Start"/>: one reads
/// and dispatches frames (it never waits on a write), one writes queued control frames, and one sends keepalive
/// pings. Stream data is written by the streams themselves under the session's write lock, so frames never interleave.
/// </summary>
public sealed partial class YamuxSession : IAsyncDisposable
{
    private readonly IDuplexChannel _inner;
    private readonly CancellationTokenSource _shutdown = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _closeLock = new();
    private int _started;
    private int _closing;
    private int _disposed;
    private YamuxCloseReason _closeReason;
    private Exception? _closeError;
    private Task? _lifetime;

    /// <summary>Creates a session; call <see cref="Start"/> to run it.</summary>
    /// <param name="inner">The secured connection; the session writes to it, half-closes it when ending, and disposes it on dispose.</param>
    /// <param name="isClient">True for the connection's dialer (odd stream ids from 1), false for the listener (even ids from 2).</param>
    /// <param name="options">Limits and timeouts; validated here.</param>
    /// <param name="logger">Where session events are logged.</param>
    /// <param name="timeProvider">The clock for keepalive, timeouts and round-trip times.</param>
    public YamuxSession(IDuplexChannel inner, bool isClient, YamuxOptions options, ILogger logger, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _inner = inner;
        IsClient = isClient;
        Options = options;
        Logger = logger;
        TimeProvider = timeProvider;
        _nextStreamId = isClient ? 1u : 2u;
        _accepted = Channel.CreateBounded<YamuxStream>(
            new BoundedChannelOptions(options.AcceptBacklog) { SingleWriter = true });
        _ackBacklog = new SemaphoreSlim(options.MaxUnacknowledgedOutboundStreams, options.MaxUnacknowledgedOutboundStreams);
        _writeWatchdog = timeProvider.CreateTimer(static state => ((YamuxSession)state!).OnWriteTimeout(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>True for the dialer's side (odd stream ids), false for the listener's (even ids).</summary>
    public bool IsClient { get; }

    /// <summary>
    /// Completes when the session has ended and its loops have stopped: successfully after a local close or the
    /// remote's end-of-stream; faulted with the cause otherwise (<see cref="YamuxProtocolException"/> for a
    /// protocol error, <see cref="YamuxSessionClosedException"/> for a timeout or a remote GoAway error).
    /// </summary>
    public Task Completion => _completion.Task;

    /// <summary>Why the session ended, or <see cref="YamuxCloseReason.None"/> while it runs.</summary>
    public YamuxCloseReason CloseReason => Volatile.Read(ref _closing) == 0 ? YamuxCloseReason.None : _closeReason;

    internal YamuxOptions Options { get; }

    internal ILogger Logger { get; }

    internal TimeProvider TimeProvider { get; }

    private bool IsClosing => Volatile.Read(ref _closing) != 0;

    /// <summary>Starts the read, write and keepalive loops. Call once.</summary>
    public void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("The yamux session was already started.");
        }

        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        YamuxLog.SessionStarted(Logger, IsClient ? "client" : "server");
        if (Options.KeepAliveInterval > TimeSpan.Zero)
        {
            // Created here, synchronously, so its ticks are counted from the start.
            _keepAliveTimer = new PeriodicTimer(Options.KeepAliveInterval, TimeProvider);
        }

        var readLoop = Task.Run(ReadLoopAsync);
        var writeLoop = Task.Run(WriteLoopAsync);
        var keepAliveLoop = _keepAliveTimer is null ? Task.CompletedTask : Task.Run(KeepAliveLoopAsync);
        _lifetime = AwaitLoopsAsync(readLoop, writeLoop, keepAliveLoop);
    }

    /// <summary>
    /// Closes the session: sends GoAway(normal), fails the streams with <see cref="YamuxSessionClosedException"/>,
    /// waits for the loops (the final write is bounded by <see cref="YamuxOptions.CloseTimeout"/>), and disposes the channel.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        BeginClose(YamuxCloseReason.LocalClose, null, YamuxGoAwayCode.Normal);
        if (_lifetime is not null)
        {
            await _lifetime.ConfigureAwait(false);
        }
        else
        {
            FailAllStreams();
            _completion.TrySetResult();
        }

        await _inner.DisposeAsync().ConfigureAwait(false);
        _writeWatchdog.Dispose();
    }

    /// <summary>
    /// Starts ending the session, once: records why, queues a GoAway when one is due, and stops the loops.
    /// The write loop then writes what is queued and half-closes the channel; the read loop fails the streams.
    /// </summary>
    private void BeginClose(YamuxCloseReason reason, Exception? error, YamuxGoAwayCode? goAway)
    {
        lock (_closeLock)
        {
            if (_closing != 0)
            {
                return;
            }

            // Published before the flag, so whoever sees the session closing also sees why.
            _closeReason = reason;
            _closeError = error;
            Volatile.Write(ref _closing, 1);
        }

        YamuxLog.SessionClosing(Logger, reason, error);
        if (goAway is { } code)
        {
            TryQueueGoAway(code);
        }

        _accepted.Writer.TryComplete();
        _writeSignal.Writer.TryComplete();
        FailPendingPings();
        _shutdown.Cancel();
    }

    private async Task AwaitLoopsAsync(Task readLoop, Task writeLoop, Task keepAliveLoop)
    {
        // The loops catch their own errors and record them through BeginClose.
        await Task.WhenAll(readLoop, writeLoop, keepAliveLoop).ConfigureAwait(false);
        _keepAliveTimer?.Dispose();
        FailPendingPings();
        if (_closeError is null || _closeReason is YamuxCloseReason.LocalClose or YamuxCloseReason.RemoteClose)
        {
            _completion.TrySetResult();
        }
        else
        {
            _completion.TrySetException(_closeError);
        }
    }

    private YamuxSessionClosedException CreateClosedException() =>
        new(_closeReason, $"The yamux session is closed ({_closeReason}).", _closeError);

    private void ThrowIfNotStarted()
    {
        if (Volatile.Read(ref _started) == 0)
        {
            throw new InvalidOperationException("The yamux session was not started.");
        }
    }
}
