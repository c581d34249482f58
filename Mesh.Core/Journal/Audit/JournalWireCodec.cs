using System.Buffers;
using MessagePack;
using Mesh.Libp2p.Encoding;

namespace Mesh.Core.Journal.Audit;

/// <summary>
/// Frames of <c>/mesh/journal/1.0.0</c> (docs/protocol.md, "Journal"): as the task protocol, an unsigned-varint length
/// then one MessagePack message, here without a type wrapper. The requester sends one request map
/// <c>{0 from, 1 max}</c>; the responder answers one map <c>{0 height, 1 head, 2 entries}</c>. Encoded and decoded by
/// hand so the decoders are pure, bounded and never throw on bad input.
/// </summary>
public static partial class JournalWireCodec
{
    /// <summary>
    /// An upper bound on what a response adds around its entries: map header, keys, height (up to 9 bytes), head
    /// (2 + 32) and the array header (up to 5).
    /// </summary>
    public const int ResponseOverhead = 64;

    /// <summary>An upper bound on the encoded size of one entry of <paramref name="length"/> bytes in a response (bin header up to 5).</summary>
    public static int EncodedEntrySize(int length) => length + 5;

    /// <summary>Encodes <paramref name="request"/> as one frame (length prefix included).</summary>
    /// <exception cref="ArgumentOutOfRangeException">From is under 1 or max is not 1 to 1024.</exception>
    public static byte[] EncodeRequest(JournalFetchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.From, 1, nameof(request));
        ArgumentOutOfRangeException.ThrowIfLessThan(request.Max, 1, nameof(request));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(request.Max, JournalFetchOptions.ProtocolMaxEntriesPerPage, nameof(request));
        var payload = new ArrayBufferWriter<byte>(32);
        var writer = new MessagePackWriter(payload);
        writer.WriteMapHeader(2);
        writer.Write(RequestFields.From);
        writer.Write((ulong)request.From);
        writer.Write(RequestFields.Max);
        writer.Write((uint)request.Max);
        writer.Flush();
        return LengthPrefixed.Encode(payload.WrittenSpan);
    }

    /// <summary>Encodes <paramref name="page"/> as one response frame (length prefix included).</summary>
    /// <exception cref="ArgumentException">The page breaks a limit of <paramref name="options"/> (too many entries, an entry or the frame too large, a bad head).</exception>
    public static byte[] EncodeResponse(JournalPage page, JournalFetchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        options ??= new JournalFetchOptions();
        if (page.Head.Height < 0 || page.Head.Hash.Length != JournalHead.HashLength)
        {
            throw new ArgumentException($"The head needs a height of at least 0 and a {JournalHead.HashLength}-byte hash.", nameof(page));
        }

        if (page.Entries.Count > options.MaxEntriesPerPage)
        {
            throw new ArgumentException($"{page.Entries.Count} entries, over {nameof(JournalFetchOptions.MaxEntriesPerPage)} ({options.MaxEntriesPerPage}).", nameof(page));
        }

        if (page.Entries.Any(e => e.Length > options.MaxEntrySize || e.IsEmpty))
        {
            throw new ArgumentException($"An entry is empty or over {nameof(JournalFetchOptions.MaxEntrySize)} ({options.MaxEntrySize} bytes).", nameof(page));
        }

        var payload = new ArrayBufferWriter<byte>(ResponseOverhead + page.Entries.Sum(e => EncodedEntrySize(e.Length)));
        var writer = new MessagePackWriter(payload);
        writer.WriteMapHeader(3);
        writer.Write(ResponseFields.Height);
        writer.Write((ulong)page.Head.Height);
        writer.Write(ResponseFields.Head);
        writer.Write(page.Head.Hash.Span);
        writer.Write(ResponseFields.Entries);
        writer.WriteArrayHeader(page.Entries.Count);
        foreach (var entry in page.Entries)
        {
            writer.Write(entry.Span);
        }

        writer.Flush();
        if (payload.WrittenCount > options.MaxFrameSize)
        {
            throw new ArgumentException($"The answer is {payload.WrittenCount} bytes, over {nameof(JournalFetchOptions.MaxFrameSize)} ({options.MaxFrameSize}).", nameof(page));
        }

        return LengthPrefixed.Encode(payload.WrittenSpan);
    }

    /// <summary>
    /// Reads one request frame from the start of <paramref name="buffer"/>; on <see cref="JournalWireStatus.Ok"/> the
    /// buffer is advanced past it, otherwise left unchanged. The length prefix is checked against
    /// <see cref="JournalFetchOptions.MaxFrameSize"/> before the payload is waited for. Never throws on bad input.
    /// </summary>
    public static JournalWireStatus TryReadRequest(ref ReadOnlySequence<byte> buffer, JournalFetchOptions? options, out JournalFetchRequest? request, out string? error)
    {
        options ??= new JournalFetchOptions();
        request = null;
        var rest = buffer;
        var status = TryReadFrame(ref rest, options, out var payload, out error);
        if (status != JournalWireStatus.Ok)
        {
            return status;
        }

        if (!TryDecodeRequest(payload, options, out request, out error))
        {
            return JournalWireStatus.Invalid;
        }

        buffer = rest;
        return JournalWireStatus.Ok;
    }

    /// <summary>
    /// Reads one response frame from the start of <paramref name="buffer"/>, as <see cref="TryReadRequest"/> does.
    /// The entries are copied out of the buffer.
    /// </summary>
    public static JournalWireStatus TryReadResponse(ref ReadOnlySequence<byte> buffer, JournalFetchOptions? options, out JournalPage? page, out string? error)
    {
        options ??= new JournalFetchOptions();
        page = null;
        var rest = buffer;
        var status = TryReadFrame(ref rest, options, out var payload, out error);
        if (status != JournalWireStatus.Ok)
        {
            return status;
        }

        if (!TryDecodeResponse(payload, options, out page, out error))
        {
            return JournalWireStatus.Invalid;
        }

        buffer = rest;
        return JournalWireStatus.Ok;
    }

    private static JournalWireStatus TryReadFrame(ref ReadOnlySequence<byte> buffer, JournalFetchOptions options, out ReadOnlySequence<byte> payload, out string? error)
    {
        error = null;
        switch (LengthPrefixed.TryRead(ref buffer, options.MaxFrameSize, out payload))
        {
            case LengthPrefixedResult.Ok:
                return JournalWireStatus.Ok;
            case LengthPrefixedResult.NeedMore:
                return JournalWireStatus.NeedMore;
            case LengthPrefixedResult.TooLarge:
                error = $"the frame is longer than {nameof(JournalFetchOptions.MaxFrameSize)} ({options.MaxFrameSize} bytes)";
                return JournalWireStatus.Invalid;
            default:
                error = "the frame length is not a valid varint";
                return JournalWireStatus.Invalid;
        }
    }

    /// <summary>The keys of the request map.</summary>
    private static class RequestFields
    {
        public const int From = 0;
        public const int Max = 1;
    }

    /// <summary>The keys of the response map.</summary>
    private static class ResponseFields
    {
        public const int Height = 0;
        public const int Head = 1;
        public const int Entries = 2;
    }
}
