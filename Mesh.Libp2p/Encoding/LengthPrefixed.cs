using System.Buffers;
using System.IO.Pipelines;

namespace Mesh.Libp2p.Encoding;

/// <summary>
/// Frames of the form <c>uvarint(len) ‖ payload</c>, as identify and gossipsub put on a stream (wire notes §2).
/// The length is checked against a maximum before any of the payload is waited for, so a peer cannot make
/// the reader buffer more than the limit.
/// </summary>
public static class LengthPrefixed
{
    /// <summary>
    /// Reads one frame from the start of <paramref name="buffer"/>. On <see cref="LengthPrefixedResult.Ok"/>,
    /// <paramref name="payload"/> is the frame's payload (a slice of the input) and <paramref name="buffer"/>
    /// is advanced past the frame; otherwise <paramref name="buffer"/> is left unchanged.
    /// </summary>
    /// <param name="buffer">The bytes received so far.</param>
    /// <param name="maxLength">The largest payload accepted.</param>
    /// <param name="payload">The payload when the result is <see cref="LengthPrefixedResult.Ok"/>.</param>
    public static LengthPrefixedResult TryRead(ref ReadOnlySequence<byte> buffer, int maxLength, out ReadOnlySequence<byte> payload)
    {
        payload = default;
        switch (Varint.TryRead(buffer, out var length, out var prefixLength))
        {
            case VarintResult.NeedMore:
                return LengthPrefixedResult.NeedMore;
            case VarintResult.Invalid:
                return LengthPrefixedResult.Invalid;
        }

        // Checked before waiting for the payload: a peer's length claim alone never makes us buffer.
        if (length > (ulong)Math.Max(0, maxLength))
        {
            return LengthPrefixedResult.TooLarge;
        }

        if (buffer.Length - prefixLength < (long)length)
        {
            return LengthPrefixedResult.NeedMore;
        }

        payload = buffer.Slice(prefixLength, (long)length);
        buffer = buffer.Slice(payload.End);
        return LengthPrefixedResult.Ok;
    }

    /// <summary>Writes <paramref name="payload"/> with its length prefix.</summary>
    public static void Write(IBufferWriter<byte> writer, ReadOnlySpan<byte> payload)
    {
        Varint.Write(writer, (ulong)payload.Length);
        writer.Write(payload);
    }

    /// <summary>Encodes <paramref name="payload"/> with its length prefix into a new array.</summary>
    public static byte[] Encode(ReadOnlySpan<byte> payload)
    {
        var writer = new ArrayBufferWriter<byte>(payload.Length + Varint.MaxLength);
        Write(writer, payload);
        return writer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Reads the next frame from <paramref name="reader"/>, leaving any bytes after it unread.
    /// </summary>
    /// <returns>The payload, or null when the stream ended cleanly before a frame began.</returns>
    /// <exception cref="Libp2pException">The length is invalid or over <paramref name="maxLength"/>, or the stream ended inside a frame.</exception>
    public static async ValueTask<byte[]?> ReadAsync(PipeReader reader, int maxLength, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            var status = TryRead(ref buffer, maxLength, out var payload);
            switch (status)
            {
                case LengthPrefixedResult.Ok:
                    var bytes = payload.ToArray();
                    reader.AdvanceTo(buffer.Start);
                    return bytes;
                case LengthPrefixedResult.NeedMore when !result.IsCompleted && !result.IsCanceled:
                    reader.AdvanceTo(buffer.Start, buffer.End);
                    continue;
            }

            var ended = result.Buffer.IsEmpty;
            reader.AdvanceTo(result.Buffer.Start);
            if (result.IsCanceled)
            {
                throw new OperationCanceledException("The read was canceled.");
            }

            if (status == LengthPrefixedResult.NeedMore && ended)
            {
                return null;
            }

            throw new Libp2pException(status switch
            {
                LengthPrefixedResult.TooLarge => $"A length-prefixed frame is longer than the {maxLength}-byte limit.",
                LengthPrefixedResult.Invalid => "A length-prefixed frame has an invalid length varint.",
                _ => "The stream ended inside a length-prefixed frame.",
            });
        }
    }

    /// <summary>Writes <paramref name="payload"/> with its length prefix and flushes it.</summary>
    public static async ValueTask WriteAsync(PipeWriter writer, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default)
    {
        Write(writer, payload.Span);
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
