using System.IO.Pipelines;
using Mesh.Libp2p.Encoding;

namespace Mesh.Libp2p.Multistream;

/// <summary>Reading whole multistream messages from a channel.</summary>
public static partial class MultistreamSelect
{
    /// <summary>
    /// Reads the next message, consuming exactly its bytes. When <paramref name="flushBeforeWaiting"/> is given,
    /// it is flushed before the first wait for more input, so replies to messages that arrived together go out together.
    /// </summary>
    private static async ValueTask<string> ReadMessageAsync(PipeReader reader, PipeWriter? flushBeforeWaiting, CancellationToken cancellationToken)
    {
        var pending = flushBeforeWaiting;
        if (!reader.TryRead(out var result))
        {
            pending = await FlushAsync(pending, cancellationToken).ConfigureAwait(false);
            result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        }

        while (true)
        {
            var buffer = result.Buffer;
            var status = MultistreamMessage.TryRead(ref buffer, out var message);
            if (status == LengthPrefixedResult.Ok)
            {
                reader.AdvanceTo(buffer.Start);
                return message;
            }

            if (status == LengthPrefixedResult.NeedMore && !result.IsCompleted && !result.IsCanceled)
            {
                reader.AdvanceTo(buffer.Start, buffer.End);
                pending = await FlushAsync(pending, cancellationToken).ConfigureAwait(false);
                result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            reader.AdvanceTo(buffer.Start);
            if (result.IsCanceled)
            {
                throw new OperationCanceledException("The multistream read was canceled.");
            }

            throw new MultistreamException(status switch
            {
                LengthPrefixedResult.TooLarge => $"A multistream message is longer than {MultistreamMessage.MaxLength} bytes.",
                LengthPrefixedResult.Invalid => "A multistream message is malformed (bad length, missing newline or invalid UTF-8).",
                _ => "The stream ended during multistream negotiation.",
            });
        }
    }

    /// <summary>Flushes <paramref name="writer"/> if there is one; returns null, for "nothing left to flush".</summary>
    private static async ValueTask<PipeWriter?> FlushAsync(PipeWriter? writer, CancellationToken cancellationToken)
    {
        if (writer is not null)
        {
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        return null;
    }
}
