using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Mesh.Libp2p.Yamux;

/// <summary>
/// Writing: every frame goes to the channel under one write lock, so frames never interleave, and the channel
/// is flushed once per batch. Control frames are queued (the read loop never waits on a write) and written by
/// the write loop, or by the next data write, which writes the queue first so a stream's SYN precedes its data.
/// </summary>
public sealed partial class YamuxSession
{
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Lock _controlLock = new();
    private readonly Queue<YamuxControlEntry> _control = new();
    private readonly Channel<bool> _writeSignal = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private readonly ITimer _writeWatchdog;
    private int _sessionFramesQueued;
    private int _flushInProgress;
    private int _goAwayQueued;

    /// <summary>
    /// Sends GoAway with <paramref name="code"/> and waits until it is flushed: no new streams are opened or
    /// accepted after it; existing streams go on.
    /// </summary>
    /// <exception cref="YamuxSessionClosedException">The session has ended.</exception>
    public async ValueTask GoAwayAsync(YamuxGoAwayCode code = YamuxGoAwayCode.Normal, CancellationToken cancellationToken = default)
    {
        ThrowIfNotStarted();
        _localGoAway = true;
        TryQueueGoAway(code);
        await WriteControlBatchAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Queues a stream whose flags or window delta wait to be written; at most once in the queue.</summary>
    internal void EnqueueStreamControl(YamuxStream stream)
    {
        lock (_controlLock)
        {
            if (stream.ControlQueued)
            {
                return;
            }

            stream.ControlQueued = true;
            _control.Enqueue(new YamuxControlEntry(stream, default));
        }

        _writeSignal.Writer.TryWrite(true);
    }

    /// <summary>
    /// Writes <paramref name="data"/> (already within the send window) as Data frames of at most
    /// <see cref="YamuxOptions.MaxSendFrameSize"/>, after the queued control frames, and flushes once.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    internal async ValueTask WriteDataAsync(YamuxStream stream, ReadOnlySequence<byte> data, CancellationToken cancellationToken)
    {
        try
        {
            await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            stream.RefundSendWindow(data.Length);
            throw;
        }

        try
        {
            if (IsClosing)
            {
                throw CreateClosedException();
            }

            var output = _inner.Output;
            WriteQueuedControlFrames(output);
            var maxFrame = Options.MaxSendFrameSize;
            while (!data.IsEmpty)
            {
                var frame = data.Slice(0, Math.Min(data.Length, maxFrame));
                new YamuxHeader(YamuxFrameType.Data, stream.TakeOpeningFlags(), stream.Id, (uint)frame.Length).Write(output);
                foreach (var segment in frame)
                {
                    output.Write(segment.Span);
                }

                data = data.Slice(frame.End);
            }

            await FlushInnerAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Queues a session frame (ping, reply, refusal); false, closing the session, when the queue is over its limit.</summary>
    private bool EnqueueSessionFrame(in YamuxHeader header, bool force = false)
    {
        bool queued;
        lock (_controlLock)
        {
            queued = force || _sessionFramesQueued < Options.MaxPendingControlFrames;
            if (queued)
            {
                _sessionFramesQueued++;
                _control.Enqueue(new YamuxControlEntry(null, header));
            }
        }

        if (queued)
        {
            _writeSignal.Writer.TryWrite(true);
            return true;
        }

        YamuxLog.ControlBacklogExceeded(Logger, Options.MaxPendingControlFrames);
        BeginClose(
            YamuxCloseReason.ControlBacklogExceeded,
            new YamuxSessionClosedException(YamuxCloseReason.ControlBacklogExceeded, "The remote does not read the yamux control frames sent to it."),
            null);
        return false;
    }

    private void TryQueueGoAway(YamuxGoAwayCode code)
    {
        if (Interlocked.Exchange(ref _goAwayQueued, 1) == 0)
        {
            EnqueueSessionFrame(new YamuxHeader(YamuxFrameType.GoAway, YamuxFlags.None, 0, (uint)code), force: true);
        }
    }

    /// <summary>Writes every queued control frame to <paramref name="output"/>; the caller holds the write lock.</summary>
    private void WriteQueuedControlFrames(PipeWriter output)
    {
        lock (_controlLock)
        {
            while (_control.TryDequeue(out var entry))
            {
                var header = entry.Header;
                if (entry.Stream is { } stream)
                {
                    stream.ControlQueued = false;
                    if (!stream.TryTakeControlFrame(out header))
                    {
                        continue;
                    }
                }
                else
                {
                    _sessionFramesQueued--;
                }

                header.Write(output);
            }
        }
    }

    private async Task WriteLoopAsync()
    {
        try
        {
            var signals = _writeSignal.Reader;
            while (await signals.WaitToReadAsync().ConfigureAwait(false))
            {
                signals.TryRead(out _);
                await WriteControlBatchAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (YamuxSessionClosedException)
        {
            // The flush that failed already began closing.
        }
        catch (Exception ex)
        {
            YamuxLog.TransportFailed(Logger, ex);
            BeginClose(YamuxCloseReason.TransportError, ex, null);
        }

        // Closing: write what is still queued (a GoAway among it) and half-close the channel, in bounded time.
        using var timeout = new CancellationTokenSource(Options.CloseTimeout, TimeProvider);
        try
        {
            await _writeLock.WaitAsync(timeout.Token).ConfigureAwait(false);
            try
            {
                WriteQueuedControlFrames(_inner.Output);
                await _inner.Output.FlushAsync(timeout.Token).ConfigureAwait(false);
                await _inner.CloseWriteAsync(timeout.Token).ConfigureAwait(false);
            }
            finally
            {
                _writeLock.Release();
            }
        }
        catch (Exception)
        {
            _inner.Abort();
        }
    }

    private async ValueTask WriteControlBatchAsync(CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (IsClosing)
            {
                throw CreateClosedException();
            }

            WriteQueuedControlFrames(_inner.Output);
            await FlushInnerAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// Flushes the channel; a flush that does not finish within <see cref="YamuxOptions.WriteTimeout"/> closes the
    /// session. Failures end the session and surface as <see cref="YamuxSessionClosedException"/>.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask FlushInnerAsync(CancellationToken cancellationToken)
    {
        FlushResult result;
        try
        {
            var pending = _inner.Output.FlushAsync(cancellationToken);
            if (pending.IsCompletedSuccessfully)
            {
                result = pending.Result;
            }
            else
            {
                Volatile.Write(ref _flushInProgress, 1);
                if (Options.WriteTimeout != Timeout.InfiniteTimeSpan)
                {
                    _writeWatchdog.Change(Options.WriteTimeout, Timeout.InfiniteTimeSpan);
                }

                try
                {
                    result = await pending.ConfigureAwait(false);
                }
                finally
                {
                    Volatile.Write(ref _flushInProgress, 0);
                    _writeWatchdog.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is not YamuxSessionClosedException)
        {
            YamuxLog.TransportFailed(Logger, ex);
            BeginClose(YamuxCloseReason.TransportError, ex, null);
            throw CreateClosedException();
        }

        if (result.IsCompleted || result.IsCanceled)
        {
            // The channel's reader is gone: nothing more can be sent.
            BeginClose(YamuxCloseReason.RemoteClose, null, null);
            throw CreateClosedException();
        }
    }

    private void OnWriteTimeout()
    {
        if (Volatile.Read(ref _flushInProgress) == 0)
        {
            return;
        }

        YamuxLog.WriteTimeout(Logger, Options.WriteTimeout);
        BeginClose(
            YamuxCloseReason.WriteTimeout,
            new YamuxSessionClosedException(YamuxCloseReason.WriteTimeout, $"A write to the channel blocked longer than {Options.WriteTimeout}."),
            null);

        // Unblocks the stuck flush (it returns cancelled), then tears the channel down.
        _inner.Output.CancelPendingFlush();
        _inner.Abort();
    }
}
