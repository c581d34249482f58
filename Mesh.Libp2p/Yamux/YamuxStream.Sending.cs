using System.Runtime.CompilerServices;

namespace Mesh.Libp2p.Yamux;

/// <summary>The send side: the send window, the flags of the next frame, and the queued control frame.</summary>
public sealed partial class YamuxStream
{
    // What the remote lets this side send; u32 arithmetic on the wire, capped rather than wrapped here.
    private long _sendWindow = YamuxOptions.InitialWindowSize;
    private TaskCompletionSource? _sendWindowWaiter;
    private bool _flushCanceled;

    /// <summary>What this side may send now without waiting for a WindowUpdate.</summary>
    internal long SendWindow
    {
        get
        {
            lock (_lock)
            {
                return _sendWindow;
            }
        }
    }

    /// <summary>The remote granted <paramref name="delta"/> more bytes.</summary>
    internal void OnWindowUpdate(uint delta)
    {
        TaskCompletionSource? waiter;
        lock (_lock)
        {
            _sendWindow = Math.Min(_sendWindow + delta, uint.MaxValue);
            waiter = TakeSendWindowWaiterLocked();
        }

        waiter?.TrySetResult();
    }

    /// <summary>
    /// Takes up to <paramref name="wanted"/> bytes of send window, waiting while it is 0.
    /// Returns 0 when the flush was cancelled through <c>CancelPendingFlush</c>.
    /// </summary>
    /// <exception cref="YamuxStreamResetException">The stream was reset.</exception>
    /// <exception cref="YamuxSessionClosedException">The session ended.</exception>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    internal async ValueTask<int> ReserveSendWindowAsync(long wanted, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task wait;
            lock (_lock)
            {
                if (_failure is not null)
                {
                    throw _failure;
                }

                if (_localClosed)
                {
                    throw new InvalidOperationException($"Yamux stream {Id} was closed for writing.");
                }

                if (_flushCanceled)
                {
                    _flushCanceled = false;
                    return 0;
                }

                if (_sendWindow > 0)
                {
                    var granted = (int)Math.Min(Math.Min(_sendWindow, wanted), int.MaxValue);
                    _sendWindow -= granted;
                    return granted;
                }

                _sendWindowWaiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                wait = _sendWindowWaiter.Task;
            }

            await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Returns window taken by <see cref="ReserveSendWindowAsync"/> that was not used.</summary>
    internal void RefundSendWindow(long count) => OnWindowUpdate((uint)count);

    /// <summary>Makes a flush waiting for window return a cancelled result.</summary>
    internal void CancelPendingFlush()
    {
        TaskCompletionSource? waiter;
        lock (_lock)
        {
            _flushCanceled = true;
            waiter = TakeSendWindowWaiterLocked();
        }

        waiter?.TrySetResult();
    }

    /// <summary>Throws the reset or session-closed exception when the stream can no longer be used.</summary>
    internal void ThrowIfFailed()
    {
        var failure = Volatile.Read(ref _failure);
        if (failure is not null)
        {
            throw failure;
        }
    }

    /// <summary>
    /// The SYN or ACK the next frame of this stream must carry (§7.3), taken once. Called under the session's
    /// write lock, so whichever frame is written first carries them.
    /// </summary>
    internal YamuxFlags TakeOpeningFlags()
    {
        lock (_lock)
        {
            return TakeOpeningFlagsLocked();
        }
    }

    /// <summary>
    /// Composes the WindowUpdate this stream waits to send: RST alone, or SYN/ACK/FIN with the granted delta.
    /// Called under the session's control lock when the queue is written.
    /// </summary>
    internal bool TryTakeControlFrame(out YamuxHeader header)
    {
        lock (_lock)
        {
            if (_rstPending)
            {
                _rstPending = false;
                header = new YamuxHeader(YamuxFrameType.WindowUpdate, YamuxFlags.Rst, Id, 0);
                return true;
            }

            header = default;
            if (_reset)
            {
                return false;
            }

            var flags = TakeOpeningFlagsLocked();
            if (_finPending)
            {
                flags |= YamuxFlags.Fin;
                _finPending = false;
            }

            var delta = _outgoingDelta;
            _outgoingDelta = 0;
            if (flags == YamuxFlags.None && delta == 0)
            {
                return false;
            }

            header = new YamuxHeader(YamuxFrameType.WindowUpdate, flags, Id, delta);
            return true;
        }
    }

    private YamuxFlags TakeOpeningFlagsLocked()
    {
        var flags = YamuxFlags.None;
        if (_synPending)
        {
            flags |= YamuxFlags.Syn;
            _synPending = false;
        }

        if (_ackPending)
        {
            flags |= YamuxFlags.Ack;
            _ackPending = false;
        }

        return flags;
    }

    private TaskCompletionSource? TakeSendWindowWaiterLocked()
    {
        var waiter = _sendWindowWaiter;
        _sendWindowWaiter = null;
        return waiter;
    }
}
