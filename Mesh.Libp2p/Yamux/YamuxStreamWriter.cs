using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;

namespace Mesh.Libp2p.Yamux;

/// <summary>
/// The <see cref="YamuxStream.Output"/> writer: bytes collect in a local buffer; <see cref="FlushAsync"/> sends
/// them as Data frames within the send window, waiting for WindowUpdates while it is spent.
/// Completing it without an error sends FIN; with an error, RST.
/// </summary>
internal sealed class YamuxStreamWriter(YamuxStream stream) : PipeWriter
{
    // Never pauses: how much is buffered before a flush is the application's choice, as with any PipeWriter.
    private static readonly PipeOptions BufferOptions = new(
        readerScheduler: PipeScheduler.Inline,
        writerScheduler: PipeScheduler.Inline,
        pauseWriterThreshold: 0,
        resumeWriterThreshold: 0,
        minimumSegmentSize: 16 * 1024,
        useSynchronizationContext: false);

    private readonly Pipe _buffer = new(BufferOptions);
    private volatile bool _completed;
    private bool _released;

    /// <summary>True once the write side is closed (FIN queued) or the stream aborted through this writer.</summary>
    public bool IsCompleted => _completed;

    public override bool CanGetUnflushedBytes => true;

    public override long UnflushedBytes => _buffer.Writer.UnflushedBytes;

    public override Memory<byte> GetMemory(int sizeHint = 0)
    {
        ThrowIfCompleted();
        return _buffer.Writer.GetMemory(sizeHint);
    }

    public override Span<byte> GetSpan(int sizeHint = 0)
    {
        ThrowIfCompleted();
        return _buffer.Writer.GetSpan(sizeHint);
    }

    public override void Advance(int bytes) => _buffer.Writer.Advance(bytes);

    public override void CancelPendingFlush() => stream.CancelPendingFlush();

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_released, this);
        stream.ThrowIfFailed();

        // Commits the buffered bytes; completes synchronously because the buffer never pauses.
        var commit = _buffer.Writer.FlushAsync(CancellationToken.None);
        if (!commit.IsCompleted)
        {
            return WaitThenSendAsync(commit.AsTask(), cancellationToken);
        }

        _ = commit.Result;
        return SendBufferedAsync(cancellationToken);
    }

    public override void Complete(Exception? exception = null)
    {
        if (_completed)
        {
            return;
        }

        if (exception is not null)
        {
            _completed = true;
            stream.Abort();
            return;
        }

        // Sending what is still buffered may have to wait for window; CompleteAsync is the better call.
        try
        {
            stream.CloseWriteAsync().AsTask().GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is YamuxStreamResetException or YamuxSessionClosedException)
        {
            // The stream is already dead: there is nothing left to close.
            _completed = true;
        }
    }

    public override async ValueTask CompleteAsync(Exception? exception = null)
    {
        if (_completed)
        {
            return;
        }

        if (exception is not null)
        {
            _completed = true;
            stream.Abort();
            return;
        }

        try
        {
            await stream.CloseWriteAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is YamuxStreamResetException or YamuxSessionClosedException)
        {
            _completed = true;
        }
    }

    /// <summary>Marks the write side closed: later writes throw.</summary>
    internal void MarkCompleted() => _completed = true;

    /// <summary>Returns the buffer's memory to the pool once the stream is disposed.</summary>
    internal void Release()
    {
        if (_released)
        {
            return;
        }

        _released = true;
        _completed = true;
        _buffer.Reader.Complete();
        _buffer.Writer.Complete();
    }

    private ValueTask<FlushResult> SendBufferedAsync(CancellationToken cancellationToken)
    {
        if (!_buffer.Reader.TryRead(out var read))
        {
            return default;
        }

        if (read.Buffer.IsEmpty)
        {
            _buffer.Reader.AdvanceTo(read.Buffer.End);
            return default;
        }

        return SendAsync(read.Buffer, cancellationToken);
    }

    private async ValueTask<FlushResult> WaitThenSendAsync(Task commit, CancellationToken cancellationToken)
    {
        await commit.ConfigureAwait(false);
        return await SendBufferedAsync(cancellationToken).ConfigureAwait(false);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<FlushResult> SendAsync(ReadOnlySequence<byte> data, CancellationToken cancellationToken)
    {
        var remaining = data;
        try
        {
            while (!remaining.IsEmpty)
            {
                var credit = await stream.ReserveSendWindowAsync(remaining.Length, cancellationToken).ConfigureAwait(false);
                if (credit == 0)
                {
                    return new FlushResult(isCanceled: true, isCompleted: false);
                }

                var chunk = remaining.Slice(0, credit);
                await stream.Session.WriteDataAsync(stream, chunk, cancellationToken).ConfigureAwait(false);
                remaining = remaining.Slice(chunk.End);
            }

            return default;
        }
        finally
        {
            // Unsent bytes stay buffered for the next flush.
            _buffer.Reader.AdvanceTo(remaining.Start);
        }
    }

    private void ThrowIfCompleted()
    {
        if (_completed)
        {
            throw new InvalidOperationException($"Yamux stream {stream.Id} is closed for writing.");
        }
    }
}
