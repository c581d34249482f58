using System.IO.Pipelines;

namespace Mesh.Core.Tasks.Wire;

/// <summary>Reads and writes task protocol frames on a stream's pipes (an <c>IDuplexChannel</c>'s Input and Output).</summary>
public static class TaskWireStream
{
    /// <summary>
    /// Reads the next message, leaving any bytes after it unread. Buffers at most one frame: the length prefix is
    /// checked against <see cref="TaskWireLimits.MaxMessageSize"/> before the payload is awaited.
    /// </summary>
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
                reader.AdvanceTo(buffer.Start, buffer.End);
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
}
