using System.Buffers;
using System.IO.Pipelines;
using Mesh.Core.Wire;
using Mesh.Libp2p.Encoding;

namespace Mesh.Core.Tasks.Wire;

/// <summary>Reads and writes task protocol frames on a stream's pipes (an <c>IDuplexChannel</c>'s Input and Output).</summary>
public static class TaskWireStream
{
    /// <summary>
    /// Reads the next message, leaving any bytes after it unread. Buffers at most one frame: the length prefix is
    /// checked against <see cref="TaskWireLimits.MaxMessageSize"/> before the payload is awaited.
    /// </summary>
    /// <remarks>
    /// A frame that has not fully arrived is moved out of the pipe into a buffer of its announced size (never past its
    /// end): a frame may be larger than the transport's flow-control window (yamux starts at 256 KiB), and the window
    /// only opens for bytes the reader consumes. Leaving them in the pipe until the frame is whole would wait forever.
    /// </remarks>
    /// <returns>The message, or null when the stream ended cleanly between frames.</returns>
    /// <exception cref="TaskProtocolException">The frame is invalid or over a limit, or the stream ended inside a frame.</exception>
    public static async ValueTask<TaskMessage?> ReadAsync(PipeReader reader, TaskWireLimits? limits = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            var status = TaskWireCodec.TryRead(ref buffer, limits, out var message, out var error);
            if (status == TaskWireStatus.Ok)
            {
                reader.AdvanceTo(buffer.Start);
                return message;
            }

            if (status == TaskWireStatus.NeedMore && !result.IsCompleted && !result.IsCanceled)
            {
                if (FrameLength(result.Buffer) is { } length)
                {
                    // Nothing consumed or examined yet: the next read returns these bytes again at once.
                    reader.AdvanceTo(result.Buffer.Start);
                    return await ReadRestAsync(reader, length, limits, cancellationToken).ConfigureAwait(false);
                }

                reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
                continue;
            }

            var ended = buffer.IsEmpty;
            reader.AdvanceTo(buffer.Start);
            if (result.IsCanceled)
            {
                throw new OperationCanceledException("The read was canceled.");
            }

            if (status == TaskWireStatus.NeedMore)
            {
                return ended ? null : throw new TaskProtocolException("The task stream ended inside a frame.");
            }

            throw new TaskProtocolException($"Invalid task protocol frame: {error}.");
        }
    }

    /// <summary>Writes one message as a frame and flushes it (the flush waits while the peer's window is full: backpressure).</summary>
    /// <exception cref="ArgumentException">The message breaks a rule or a limit (it is not sent).</exception>
    public static async ValueTask WriteAsync(PipeWriter writer, TaskMessage message, TaskWireLimits? limits = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        TaskWireCodec.Write(writer, message, limits);
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    // The whole frame's length (prefix included) once the prefix is readable; TryRead has already refused a prefix
    // over the limit, so this is bounded by MaxMessageSize plus the prefix.
    private static int? FrameLength(ReadOnlySequence<byte> buffer) =>
        Varint.TryRead(buffer, out var payload, out var prefix) == VarintResult.Ok ? checked((int)payload + prefix) : null;

    private static async ValueTask<TaskMessage?> ReadRestAsync(PipeReader reader, int length, TaskWireLimits? limits, CancellationToken cancellationToken)
    {
        var frame = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            if (!await PipeFill.TryFillAsync(reader, frame.AsMemory(0, length), cancellationToken).ConfigureAwait(false))
            {
                throw new TaskProtocolException("The task stream ended inside a frame.");
            }

            // The decoder copies what it keeps (chunks, texts), so the buffer can go back to the pool.
            var whole = new ReadOnlySequence<byte>(frame, 0, length);
            return TaskWireCodec.TryRead(ref whole, limits, out var message, out var error) == TaskWireStatus.Ok
                ? message
                : throw new TaskProtocolException($"Invalid task protocol frame: {error}.");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(frame);
        }
    }
}
