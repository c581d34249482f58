using System.Buffers;
using System.Text;
using MessagePack;
using Mesh.Libp2p.Encoding;

namespace Mesh.Core.Tasks.Wire;

/// <summary>
/// Frames of the task protocol (docs/protocol.md, "Task protocol"): an unsigned-varint length, then one MessagePack
/// message <c>[type, body]</c>. Encoded and decoded by hand so the decoder is pure, bounded and never throws on bad
/// input.
/// </summary>
public static class TaskWireCodec
{
    /// <summary>Encodes <paramref name="message"/> as one frame (length prefix included).</summary>
    /// <exception cref="ArgumentException">A field is out of its range, or the message breaks a limit of <paramref name="limits"/> (the message says which).</exception>
    public static byte[] Encode(TaskMessage message, TaskWireLimits? limits = null)
    {
        var output = new ArrayBufferWriter<byte>(256);
        Write(output, message, limits);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Writes <paramref name="message"/> as one frame (length prefix included) to <paramref name="output"/>.</summary>
    /// <exception cref="ArgumentException">A field is out of its range, or the message breaks a limit of <paramref name="limits"/>.</exception>
    public static void Write(IBufferWriter<byte> output, TaskMessage message, TaskWireLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(message);
        limits ??= TaskWireLimits.Default;
        var payload = EncodePayload(message);
        if (payload.WrittenCount > limits.MaxMessageSize)
        {
            throw new ArgumentException($"The {message.Type} message is {payload.WrittenCount} bytes; {nameof(TaskWireLimits)}.{nameof(TaskWireLimits.MaxMessageSize)} is {limits.MaxMessageSize}.", nameof(message));
        }

        CheckLimits(message, payload.WrittenMemory, limits);
        LengthPrefixed.Write(output, payload.WrittenSpan);
    }

    /// <summary>
    /// Reads one frame from the start of <paramref name="buffer"/>. On <see cref="TaskWireStatus.Ok"/> the buffer is
    /// advanced past the frame; otherwise it is left unchanged. The length prefix is checked against
    /// <see cref="TaskWireLimits.MaxMessageSize"/> before the payload is waited for, so a peer's claim alone never makes
    /// the caller buffer more. Never throws on malformed input.
    /// </summary>
    /// <param name="buffer">The bytes received so far.</param>
    /// <param name="limits">The limits (the defaults when null).</param>
    /// <param name="message">The message on <see cref="TaskWireStatus.Ok"/>.</param>
    /// <param name="error">Why the frame is invalid, on <see cref="TaskWireStatus.Invalid"/>.</param>
    public static TaskWireStatus TryRead(ref ReadOnlySequence<byte> buffer, TaskWireLimits? limits, out TaskMessage? message, out string? error)
    {
        limits ??= TaskWireLimits.Default;
        message = null;
        error = null;
        var rest = buffer;
        switch (LengthPrefixed.TryRead(ref rest, limits.MaxMessageSize, out var payload))
        {
            case LengthPrefixedResult.NeedMore:
                return TaskWireStatus.NeedMore;
            case LengthPrefixedResult.TooLarge:
                error = $"the frame is longer than {nameof(TaskWireLimits.MaxMessageSize)} ({limits.MaxMessageSize} bytes)";
                return TaskWireStatus.Invalid;
            case LengthPrefixedResult.Invalid:
                error = "the frame length is not a valid varint";
                return TaskWireStatus.Invalid;
        }

        if (!TryDecodePayload(payload, limits, out message, out error))
        {
            return TaskWireStatus.Invalid;
        }

        buffer = rest;
        return TaskWireStatus.Ok;
    }

    /// <summary>Decodes one message that fills <paramref name="payload"/> exactly (a frame without its length prefix).</summary>
    internal static bool TryDecodePayload(ReadOnlySequence<byte> payload, TaskWireLimits limits, out TaskMessage? message, out string? error)
    {
        // Elements after the message in a frame are the decoder's to skip; bytes after it are not looked at.
        return TaskWireReader.TryDecode(payload, limits, TaskMessageDecoder.Decode, null, out message, out error);
    }

    private static ArrayBufferWriter<byte> EncodePayload(TaskMessage message)
    {
        var payload = new ArrayBufferWriter<byte>(256);
        var writer = new MessagePackWriter(payload);
        TaskMessageEncoder.Write(ref writer, message);
        writer.Flush();
        return payload;
    }

    /// <summary>
    /// Data messages (the hot path) check their chunk size; every other message is decoded back with the same limits,
    /// so this node never sends a message its peers (with at least these limits) must refuse.
    /// </summary>
    private static void CheckLimits(TaskMessage message, ReadOnlyMemory<byte> payload, TaskWireLimits limits)
    {
        var chunk = message switch
        {
            InputDataMessage m => m.Data.Length,
            OutputChunkMessage m => m.Data.Length,
            OutputFileDataMessage m => m.Data.Length,
            _ => -1,
        };
        if (chunk > limits.MaxChunkSize)
        {
            throw new ArgumentException($"The {message.Type} chunk is {chunk} bytes; {nameof(TaskWireLimits)}.{nameof(TaskWireLimits.MaxChunkSize)} is {limits.MaxChunkSize}.", nameof(message));
        }

        if (message is OutputFileDataMessage file && Encoding.UTF8.GetByteCount(file.Name) > limits.MaxPathBytes)
        {
            throw new ArgumentException($"The output file name is over {limits.MaxPathBytes} bytes.", nameof(message));
        }

        if (chunk < 0 && !TryDecodePayload(new ReadOnlySequence<byte>(payload), limits, out _, out var error))
        {
            throw new ArgumentException($"The {message.Type} message breaks the task protocol: {error}.", nameof(message));
        }
    }
}
