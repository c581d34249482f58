using System.Buffers;
using System.IO.Pipelines;
using Mesh.Core.Wire;
using Mesh.Libp2p.Encoding;

namespace Mesh.Core.Journal.Audit;

/// <summary>Reads and writes journal protocol frames on a stream's pipes.</summary>
public static class JournalWireStream
{
    /// <summary>
    /// Reads the payload of the next frame (without its length prefix), leaving bytes after it unread. The length
    /// prefix is checked against <paramref name="maxFrameSize"/> before anything is allocated or awaited for it.
    /// </summary>
    /// <remarks>
    /// The frame is moved out of the pipe into an array of its announced size as it arrives: an answer may be larger
    /// than the transport's flow-control window (yamux starts at 256 KiB), and the window opens only for bytes the
    /// reader consumes, so waiting for the whole frame inside the pipe could wait forever.
    /// </remarks>
    /// <returns>The payload, or null when the stream ended cleanly before a frame began.</returns>
    /// <exception cref="JournalProtocolException">The length is invalid or over the limit, or the stream ended inside the frame.</exception>
    public static async ValueTask<byte[]?> ReadFrameAsync(PipeReader reader, int maxFrameSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            var status = Varint.TryRead(buffer, out var length, out var prefix);
            if (status == VarintResult.Ok)
            {
                if (length > (ulong)maxFrameSize)
                {
                    reader.AdvanceTo(buffer.Start);
                    throw new JournalProtocolException($"A journal frame announces {length} bytes, over the {maxFrameSize}-byte limit.");
                }

                reader.AdvanceTo(buffer.GetPosition(prefix));
                return await ReadPayloadAsync(reader, (int)length, cancellationToken).ConfigureAwait(false);
            }

            if (status == VarintResult.Invalid)
            {
                reader.AdvanceTo(buffer.Start);
                throw new JournalProtocolException("A journal frame has an invalid length varint.");
            }

            if (result.IsCanceled)
            {
                reader.AdvanceTo(buffer.Start);
                throw new OperationCanceledException("The read was canceled.");
            }

            if (result.IsCompleted)
            {
                var ended = buffer.IsEmpty;
                reader.AdvanceTo(buffer.Start);
                return ended ? null : throw new JournalProtocolException("The journal stream ended inside a frame's length.");
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>Writes <paramref name="frame"/> (length prefix included) and flushes it.</summary>
    public static async ValueTask WriteFrameAsync(PipeWriter writer, ReadOnlyMemory<byte> frame, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(frame.Span);
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async ValueTask<byte[]> ReadPayloadAsync(PipeReader reader, int length, CancellationToken cancellationToken)
    {
        var payload = new byte[length];
        return await PipeFill.TryFillAsync(reader, payload, cancellationToken).ConfigureAwait(false)
            ? payload
            : throw new JournalProtocolException("The journal stream ended inside a frame.");
    }
}
