using System.Buffers;
using System.IO.Pipelines;

namespace Mesh.Libp2p.Yamux;

/// <summary>The receive side: window accounting, delivery into <see cref="Input"/>, remote FIN and RST.</summary>
public sealed partial class YamuxStream
{
    // The window bounds what is buffered (the remote may not send past it), so the pipe itself never pauses
    // the session's read loop; readers resume on the thread pool, never inline on the read loop.
    private static readonly PipeOptions ReceivePipeOptions = new(
        readerScheduler: PipeScheduler.ThreadPool,
        writerScheduler: PipeScheduler.Inline,
        pauseWriterThreshold: 0,
        resumeWriterThreshold: 0,
        minimumSegmentSize: 16 * 1024,
        useSynchronizationContext: false);

    private readonly Pipe _receivePipe;

    // Credit the remote may still use.
    private uint _receiveWindow = YamuxOptions.InitialWindowSize;

    // The window this side aims to keep advertised; doubles up to the maximum while the reader keeps up.
    private uint _receiveWindowSize = YamuxOptions.InitialWindowSize;

    // Consumed (or discarded) bytes not yet granted back.
    private uint _pendingGrant;

    // Granted bytes not yet written in a WindowUpdate.
    private uint _outgoingDelta;

    // Delivered bytes the application has not consumed.
    private long _buffered;
    private long _lastGrantTimestamp;
    private bool _inputCompleted;
    private bool _receiveCompleted;

    /// <summary>The credit the remote may still use on this stream: the largest Data payload accepted now.</summary>
    internal uint ReceiveWindow
    {
        get
        {
            lock (_lock)
            {
                return _receiveWindow;
            }
        }
    }

    /// <summary>Bytes received and not yet consumed by the application.</summary>
    internal long BufferedBytes
    {
        get
        {
            lock (_lock)
            {
                return _buffered;
            }
        }
    }

    /// <summary>Debits a Data frame's whole announced length from the receive window, before its payload is read.</summary>
    internal YamuxDataAdmission AdmitData(uint length)
    {
        lock (_lock)
        {
            if (_reset || _failure is not null)
            {
                return YamuxDataAdmission.Ignored;
            }

            // §7.2: js treats a frame beyond the remaining window as a protocol error; so do we.
            if (length > _receiveWindow)
            {
                return YamuxDataAdmission.WindowExceeded;
            }

            _receiveWindow -= length;
            return _remoteClosed ? YamuxDataAdmission.AfterFin : YamuxDataAdmission.Accepted;
        }
    }

    /// <summary>Appends admitted payload bytes to <see cref="Input"/>, or counts them consumed when nobody reads any more.</summary>
    internal void DeliverData(in ReadOnlySequence<byte> payload)
    {
        bool sendUpdate = false;
        lock (_lock)
        {
            if (_inputCompleted)
            {
                // The application stopped reading: discard, but keep the remote's window open until its FIN.
                sendUpdate = GrantLocked((uint)payload.Length);
            }
            else if (!_receiveCompleted)
            {
                var writer = _receivePipe.Writer;
                foreach (var segment in payload)
                {
                    writer.Write(segment.Span);
                }

                _buffered += payload.Length;

                // Never pauses (pauseWriterThreshold 0), so this completes synchronously.
                var flush = writer.FlushAsync(CancellationToken.None);
                if (flush.IsCompleted)
                {
                    _ = flush.Result;
                }
                else
                {
                    flush.AsTask().GetAwaiter().GetResult();
                }
            }
        }

        if (sendUpdate)
        {
            Session.EnqueueStreamControl(this);
        }
    }

    /// <summary>The remote's FIN: <see cref="Input"/> completes after the buffered bytes.</summary>
    internal void OnRemoteFin()
    {
        bool remove;
        lock (_lock)
        {
            if (_remoteClosed)
            {
                return;
            }

            _remoteClosed = true;
            CompleteReceiveLocked(null);
            remove = _localClosed;
        }

        if (remove)
        {
            Session.RemoveStream(this);
        }
    }

    /// <summary>The remote's RST: reads and writes fail with <see cref="YamuxStreamResetException"/>.</summary>
    internal void OnRemoteReset()
    {
        TaskCompletionSource? waiter;
        lock (_lock)
        {
            if (_reset)
            {
                return;
            }

            _reset = true;
            _rstPending = _finPending = _synPending = _ackPending = false;
            _failure ??= new YamuxStreamResetException($"Yamux stream {Id} was reset by the remote.");
            CompleteReceiveLocked(_failure);
            waiter = TakeSendWindowWaiterLocked();
        }

        waiter?.TrySetResult();
        Session.RemoveStream(this);
    }

    /// <summary>The application consumed <paramref name="count"/> bytes of <see cref="Input"/>.</summary>
    internal void OnConsumed(long count)
    {
        bool sendUpdate;
        lock (_lock)
        {
            _buffered -= count;
            sendUpdate = GrantLocked((uint)count);
        }

        if (sendUpdate)
        {
            Session.EnqueueStreamControl(this);
        }
    }

    /// <summary>The application completed <see cref="Input"/>: what it left unread is discarded and granted back.</summary>
    internal void OnInputCompleted()
    {
        bool sendUpdate;
        lock (_lock)
        {
            if (_inputCompleted)
            {
                return;
            }

            _inputCompleted = true;
            var unread = (uint)_buffered;
            _buffered = 0;
            CompleteReceiveLocked(null);
            sendUpdate = GrantLocked(unread);
        }

        if (sendUpdate)
        {
            Session.EnqueueStreamControl(this);
        }
    }

    /// <summary>
    /// Adds consumed bytes to the pending grant and decides whether a WindowUpdate is due: like go-yamux, only
    /// once half the window is missing (batched), and, like js and go, doubling the window up to the maximum
    /// when it was used up within four round trips of the last update (§7.3, §7.4).
    /// </summary>
    private bool GrantLocked(uint count)
    {
        if (_remoteClosed || _reset || _failure is not null)
        {
            return false;
        }

        _pendingGrant += count;
        if (_pendingGrant == 0 || _pendingGrant < _receiveWindowSize / 2)
        {
            return false;
        }

        var timeProvider = Session.TimeProvider;
        var now = timeProvider.GetTimestamp();
        var maxWindow = Session.Options.MaxReceiveWindowSize;
        if (_receiveWindowSize < maxWindow
            && Session.TryGetRoundTripTime(out var roundTrip)
            && timeProvider.GetElapsedTime(_lastGrantTimestamp, now) <= roundTrip * 4)
        {
            var grown = (uint)Math.Min((ulong)_receiveWindowSize * 2, maxWindow);
            _pendingGrant += grown - _receiveWindowSize;
            _receiveWindowSize = grown;
        }

        _lastGrantTimestamp = now;
        _receiveWindow += _pendingGrant;
        _outgoingDelta += _pendingGrant;
        _pendingGrant = 0;
        return true;
    }

    private void CompleteReceiveLocked(Exception? error)
    {
        if (_receiveCompleted)
        {
            return;
        }

        _receiveCompleted = true;
        _receivePipe.Writer.Complete(error);
    }
}
