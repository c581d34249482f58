using System.IO.Pipelines;

namespace Mesh.Libp2p.Channels;

/// <summary>
/// An <see cref="IDuplexChannel"/> over a <see cref="Stream"/>: the stream is read through a
/// <see cref="PipeReader"/> (so unread bytes stay for the next layer) and written through a <see cref="PipeWriter"/>.
/// Half-close and abort are delegated to the layer that owns the stream.
/// </summary>
public sealed class StreamChannel : IDuplexChannel
{
    private readonly Stream _stream;
    private readonly Func<ValueTask> _closeWrite;
    private readonly Action _abort;
    private int _writeClosed;
    private int _disposed;

    /// <summary>Wraps <paramref name="stream"/>.</summary>
    /// <param name="stream">The two-way stream; disposed with the channel.</param>
    /// <param name="closeWrite">Half-closes the stream's write side (for example <c>Socket.Shutdown(Send)</c>).</param>
    /// <param name="abort">Tears the stream down at once.</param>
    /// <param name="readBufferSize">The smallest read the pipe asks the stream for.</param>
    public StreamChannel(Stream stream, Func<ValueTask> closeWrite, Action abort, int readBufferSize = 64 * 1024)
    {
        _stream = stream;
        _closeWrite = closeWrite;
        _abort = abort;
        Input = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: readBufferSize, minimumReadSize: Math.Min(4096, readBufferSize), leaveOpen: true));
        Output = PipeWriter.Create(stream, new StreamPipeWriterOptions(minimumBufferSize: 4096, leaveOpen: true));
    }

    /// <inheritdoc/>
    public PipeReader Input { get; }

    /// <inheritdoc/>
    public PipeWriter Output { get; }

    /// <inheritdoc/>
    public async ValueTask CloseWriteAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _writeClosed, 1) != 0)
        {
            return;
        }

        await Output.FlushAsync(cancellationToken).ConfigureAwait(false);
        await Output.CompleteAsync().ConfigureAwait(false);
        await _closeWrite().ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public void Abort() => _abort();

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await Input.CompleteAsync().ConfigureAwait(false);
        try
        {
            if (Interlocked.Exchange(ref _writeClosed, 1) == 0)
            {
                // Completing the writer flushes what is buffered; the transport may already be gone.
                await Output.CompleteAsync().ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            // Disposal is best effort: the bytes had no one left to reach.
        }
        finally
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
    }
}
