using System.Buffers;
using System.Text;
using Mesh.Libp2p.Encoding;
using Mesh.Libp2p.Protobuf;

namespace Mesh.Libp2p.Multistream;

/// <summary>
/// One multistream-select message: <c>uvarint(N) ‖ utf8 ‖ '\n'</c>, where N counts the newline (wire notes §6.1).
/// </summary>
public static class MultistreamMessage
{
    /// <summary>The largest N accepted or written: 1024, the limit of js (MAX_PROTOCOL_LENGTH) and go.</summary>
    public const int MaxLength = 1024;

    private const byte Newline = (byte)'\n';

    /// <summary>
    /// Reads one message from the start of <paramref name="buffer"/>. On <see cref="LengthPrefixedResult.Ok"/>,
    /// <paramref name="message"/> is the text without its newline and <paramref name="buffer"/> is advanced past
    /// the message; otherwise <paramref name="buffer"/> is unchanged. Never throws on malformed input.
    /// </summary>
    /// <returns><see cref="LengthPrefixedResult.Invalid"/> for a bad length, a missing newline or invalid UTF-8;
    /// <see cref="LengthPrefixedResult.TooLarge"/> when N is over <see cref="MaxLength"/>.</returns>
    public static LengthPrefixedResult TryRead(ref ReadOnlySequence<byte> buffer, out string message)
    {
        message = string.Empty;
        var rest = buffer;
        var status = LengthPrefixed.TryRead(ref rest, MaxLength, out var payload);
        if (status != LengthPrefixedResult.Ok)
        {
            return status;
        }

        // js rejects a message without its trailing newline ("Missing newline").
        if (payload.IsEmpty || payload.Slice(payload.Length - 1).FirstSpan[0] != Newline)
        {
            return LengthPrefixedResult.Invalid;
        }

        Span<byte> text = stackalloc byte[MaxLength];
        var length = (int)payload.Length - 1;
        payload.Slice(0, length).CopyTo(text);
        try
        {
            message = StrictUtf8.GetString(text[..length]);
        }
        catch (DecoderFallbackException)
        {
            return LengthPrefixedResult.Invalid;
        }

        buffer = rest;
        return LengthPrefixedResult.Ok;
    }

    /// <summary>Writes <paramref name="message"/> with its length prefix and newline.</summary>
    /// <exception cref="ArgumentException">The message is longer than <see cref="MaxLength"/> allows.</exception>
    public static void Write(IBufferWriter<byte> writer, string message)
    {
        var length = System.Text.Encoding.UTF8.GetByteCount(message);
        if (length + 1 > MaxLength)
        {
            throw new ArgumentException($"A multistream message is at most {MaxLength - 1} UTF-8 bytes; this one is {length}.", nameof(message));
        }

        Varint.Write(writer, (ulong)length + 1);
        var span = writer.GetSpan(length + 1);
        System.Text.Encoding.UTF8.GetBytes(message, span);
        span[length] = Newline;
        writer.Advance(length + 1);
    }

    /// <summary>Encodes <paramref name="message"/> into a new array.</summary>
    /// <exception cref="ArgumentException">The message is longer than <see cref="MaxLength"/> allows.</exception>
    public static byte[] Encode(string message)
    {
        var writer = new ArrayBufferWriter<byte>(message.Length + 4);
        Write(writer, message);
        return writer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Writes the answer to <c>ls</c> (wire notes §6.3): one message whose text is each protocol as a message
    /// of its own, <c>uvarint(total) ‖ {uvarint(len) ‖ proto ‖ '\n'}* ‖ '\n'</c>. Protocols that would take the
    /// answer past <see cref="MaxLength"/> are left out, since no peer would accept it.
    /// </summary>
    internal static void WriteList(IBufferWriter<byte> writer, IEnumerable<string> protocols)
    {
        var items = new ArrayBufferWriter<byte>();
        foreach (var protocol in protocols)
        {
            var size = System.Text.Encoding.UTF8.GetByteCount(protocol) + 1;
            if (items.WrittenCount + Varint.SizeOf((ulong)size) + size + 1 > MaxLength)
            {
                break;
            }

            Write(items, protocol);
        }

        Varint.Write(writer, (ulong)items.WrittenCount + 1);
        writer.Write(items.WrittenSpan);
        writer.Write([Newline]);
    }
}
