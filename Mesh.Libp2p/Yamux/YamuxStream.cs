using System.IO.Pipelines;
using Mesh.Libp2p.Channels;

namespace Mesh.Libp2p.Yamux;

/// <summary>
/// One yamux stream: a flow-controlled, half-closable byte channel inside a <see cref="YamuxSession"/>.
/// Reading <see cref="Input"/> (its <c>AdvanceTo</c>) returns window to the remote, so a slow reader slows
/// the sender; flushing <see cref="Output"/> sends Data frames within the send window and waits when it is spent.
/// </summary>
public sealed partial class YamuxStream : IDuplexChannel
{
    private readonly Lock _lock = new();
    private readonly YamuxStreamReader _reader;
    private readonly YamuxStreamWriter _writer;

    // Why the stream can no longer be used: a reset (either side) or the end of the session.
    private Exception? _failure;

    // An RST was sent or received: no further frame may be written for this stream.
    private bool _reset;
    private bool _localClosed;
    private bool _remoteClosed;
    private bool _synPending;
    private bool _ackPending;
    private bool _finPending;
    private bool _rstPending;
    private bool _awaitingAck;
    private bool _removed;
    private int _disposed;
    private ITimer? _closeTimer;

    internal YamuxStream(YamuxSession session, uint id, bool isOutbound)
    {
        Session = session;
        Id = id;
        IsOutbound = isOutbound;

        // §7.3: an opened stream announces itself with SYN and counts against the ACK backlog until
        // acknowledged; an accepted one acknowledges with the first frame it sends.
        _synPending = isOutbound;
        _awaitingAck = isOutbound;
        _ackPending = !isOutbound;
        _lastGrantTimestamp = session.TimeProvider.GetTimestamp();
        _receivePipe = new Pipe(ReceivePipeOptions);
        _reader = new YamuxStreamReader(this, _receivePipe.Reader);
        _writer = new YamuxStreamWriter(this);
    }

    /// <summary>The stream id: odd when the dialer (client) opened it, even when the listener did.</summary>
    public uint Id { get; }

    /// <summary>True when this side opened the stream, false when the remote did.</summary>
    public bool IsOutbound { get; }

    /// <inheritdoc/>
    public PipeReader Input => _reader;

    /// <inheritdoc/>
    public PipeWriter Output => _writer;

    /// <summary>The session the stream belongs to.</summary>
    internal YamuxSession Session { get; }

    /// <summary>Guarded by the session's control-queue lock: the stream waits in that queue.</summary>
    internal bool ControlQueued { get; set; }

    /// <summary>
    /// Flushes what was written, then sends FIN (WindowUpdate|FIN, §7.3). The remote reads end-of-stream;
    /// this side can still read until the remote's FIN.
    /// </summary>
    public async ValueTask CloseWriteAsync(CancellationToken cancellationToken = default)
    {
        if (_writer.IsCompleted)
        {
            return;
        }

        await _writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        _writer.MarkCompleted();
        MarkLocalClosed();
    }

    /// <summary>Resets the stream (WindowUpdate|RST): pending and later reads and writes fail with <see cref="YamuxStreamResetException"/>.</summary>
    public void Abort()
    {
        TaskCompletionSource? waiter;
        bool sendReset;
        lock (_lock)
        {
            if (_reset || _failure is not null || (_localClosed && _remoteClosed))
            {
                return;
            }

            _reset = true;
            _failure = new YamuxStreamResetException($"Yamux stream {Id} was aborted locally.");

            // A stream whose SYN was never written is unknown to the remote: nothing to reset there.
            sendReset = !_synPending;
            _rstPending = sendReset;
            _synPending = _ackPending = _finPending = false;
            _outgoingDelta = 0;
            CompleteReceiveLocked(_failure);
            waiter = TakeSendWindowWaiterLocked();
        }

        waiter?.TrySetResult();
        if (sendReset)
        {
            Session.EnqueueStreamControl(this);
        }

        Session.RemoveStream(this);
    }

    /// <summary>
    /// Stops reading; if this side has not closed its write side, flushes and sends FIN within the session's
    /// close timeout (resetting the stream when that fails). A stream whose remote has not sent FIN is reset
    /// after <see cref="YamuxOptions.StreamCloseTimeout"/>.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _reader.CompleteAsync().ConfigureAwait(false);
        bool needsFin;
        lock (_lock)
        {
            needsFin = !_localClosed && !_reset && _failure is null;
        }

        if (needsFin)
        {
            try
            {
                using var timeout = new CancellationTokenSource(Session.Options.CloseTimeout, Session.TimeProvider);
                await CloseWriteAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or Libp2pException or InvalidOperationException)
            {
                Abort();
            }
        }

        _writer.Release();
        ArmCloseTimer();
    }

    /// <summary>Called when the remote acknowledges a stream this side opened.</summary>
    internal void OnAck()
    {
        if (TakeAwaitingAck())
        {
            Session.ReleaseAckPermit();
        }
    }

    /// <summary>Takes the outstanding-ACK mark, so the ACK backlog permit is released exactly once.</summary>
    internal bool TakeAwaitingAck()
    {
        lock (_lock)
        {
            var awaiting = _awaitingAck;
            _awaitingAck = false;
            return awaiting;
        }
    }

    /// <summary>Called when the application accepts the stream: queues the ACK (go-yamux acknowledges on accept).</summary>
    internal void OnAccepted()
    {
        bool queue;
        lock (_lock)
        {
            queue = _ackPending && !_reset && _failure is null;
        }

        if (queue)
        {
            Session.EnqueueStreamControl(this);
        }
    }

    /// <summary>Marks the stream as removed from the session's table; false when it already was.</summary>
    internal bool TryMarkRemoved()
    {
        ITimer? timer;
        lock (_lock)
        {
            if (_removed)
            {
                return false;
            }

            _removed = true;
            timer = _closeTimer;
            _closeTimer = null;
        }

        timer?.Dispose();
        return true;
    }

    /// <summary>Fails the stream because its session ended.</summary>
    internal void OnSessionClosed(Exception error)
    {
        TaskCompletionSource? waiter;
        ITimer? timer;
        lock (_lock)
        {
            _failure ??= error;
            CompleteReceiveLocked(error);
            waiter = TakeSendWindowWaiterLocked();
            timer = _closeTimer;
            _closeTimer = null;
        }

        waiter?.TrySetResult();
        timer?.Dispose();
    }

    private void MarkLocalClosed()
    {
        bool remove;
        lock (_lock)
        {
            if (_localClosed || _reset)
            {
                return;
            }

            _localClosed = true;
            if (_failure is not null)
            {
                return;
            }

            _finPending = true;
            remove = _remoteClosed;
        }

        Session.EnqueueStreamControl(this);
        if (remove)
        {
            Session.RemoveStream(this);
        }
    }

    private void ArmCloseTimer()
    {
        var timeout = Session.Options.StreamCloseTimeout;
        lock (_lock)
        {
            if (_remoteClosed || _reset || _failure is not null || _removed || timeout == Timeout.InfiniteTimeSpan)
            {
                return;
            }

            _closeTimer = Session.TimeProvider.CreateTimer(static state => ((YamuxStream)state!).OnCloseTimeout(), this, timeout, Timeout.InfiniteTimeSpan);
        }
    }

    private void OnCloseTimeout()
    {
        YamuxLog.StreamCloseTimeout(Session.Logger, Id, Session.Options.StreamCloseTimeout);
        Abort();
    }
}
