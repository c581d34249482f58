using System.Buffers;
using MessagePack;
using Mesh.Core.Wire;

namespace Mesh.Core.Journal.Audit;

public static partial class JournalWireCodec
{
    /// <summary>The most keys in a request or response map, known and future ones.</summary>
    private const int MaxMapEntries = 16;

    /// <summary>The deepest nesting of an unknown value that is skipped.</summary>
    private const int MaxSkipDepth = 8;

    /// <summary>Decodes one request that fills <paramref name="payload"/> exactly.</summary>
    internal static bool TryDecodeRequest(ReadOnlySequence<byte> payload, JournalFetchOptions options, out JournalFetchRequest? request, out string? error)
    {
        request = null;
        try
        {
            return DecodeRequest(payload, options, out request, out error);
        }
        catch (Exception ex) when (MalformedMessagePack.Is(ex))
        {
            error = "invalid MessagePack: " + ex.Message;
            return false;
        }
    }

    /// <summary>Decodes one response that fills <paramref name="payload"/> exactly.</summary>
    internal static bool TryDecodeResponse(ReadOnlySequence<byte> payload, JournalFetchOptions options, out JournalPage? page, out string? error)
    {
        page = null;
        try
        {
            return DecodeResponse(payload, options, out page, out error);
        }
        catch (Exception ex) when (MalformedMessagePack.Is(ex))
        {
            error = "invalid MessagePack: " + ex.Message;
            return false;
        }
    }

    private static bool DecodeRequest(ReadOnlySequence<byte> payload, JournalFetchOptions options, out JournalFetchRequest? request, out string? error)
    {
        request = null;
        var reader = new MessagePackReader(payload);
        if (!TryReadMapHeader(ref reader, out var count, out error))
        {
            return false;
        }

        ulong from = 0;
        ulong max = 0;
        var seen = 0;
        for (var i = 0; i < count; i++)
        {
            if (!TryReadKey(ref reader, ref seen, out var key, out error))
            {
                return false;
            }

            switch (key)
            {
                case RequestFields.From:
                case RequestFields.Max:
                    if (reader.NextMessagePackType != MessagePackType.Integer)
                    {
                        error = $"request key {key} is not an integer";
                        return false;
                    }

                    var value = reader.ReadUInt64();
                    if (key == RequestFields.From)
                    {
                        from = value;
                    }
                    else
                    {
                        max = value;
                    }

                    break;
                default:
                    if (!TrySkip(ref reader, out error))
                    {
                        return false;
                    }

                    break;
            }
        }

        if (!reader.End)
        {
            error = "bytes follow the request map";
            return false;
        }

        if ((seen & 0b11) != 0b11)
        {
            error = "the request lacks from or max";
            return false;
        }

        if (from is < 1 or > long.MaxValue)
        {
            error = $"from is {from}, not a height";
            return false;
        }

        if (max < 1 || max > (ulong)options.MaxEntriesPerPage)
        {
            error = $"max is {max}, not 1 to {options.MaxEntriesPerPage}";
            return false;
        }

        request = new JournalFetchRequest((long)from, (int)max);
        return true;
    }

    private static bool DecodeResponse(ReadOnlySequence<byte> payload, JournalFetchOptions options, out JournalPage? page, out string? error)
    {
        page = null;
        var reader = new MessagePackReader(payload);
        if (!TryReadMapHeader(ref reader, out var count, out error))
        {
            return false;
        }

        ulong height = 0;
        byte[]? head = null;
        ReadOnlyMemory<byte>[]? entries = null;
        var seen = 0;
        for (var i = 0; i < count; i++)
        {
            if (!TryReadKey(ref reader, ref seen, out var key, out error))
            {
                return false;
            }

            var ok = key switch
            {
                ResponseFields.Height => TryReadHeight(ref reader, out height, out error),
                ResponseFields.Head => TryReadHead(ref reader, out head, out error),
                ResponseFields.Entries => TryReadEntries(ref reader, options, out entries, out error),
                _ => TrySkip(ref reader, out error),
            };
            if (!ok)
            {
                return false;
            }
        }

        if (!reader.End)
        {
            error = "bytes follow the response map";
            return false;
        }

        if ((seen & 0b111) != 0b111)
        {
            error = "the response lacks height, head or entries";
            return false;
        }

        page = new JournalPage(new JournalHead((long)height, head!), entries!);
        return true;
    }

    private static bool TryReadMapHeader(ref MessagePackReader reader, out int count, out string? error)
    {
        count = 0;
        error = null;
        if (reader.NextMessagePackType != MessagePackType.Map)
        {
            error = "the message is not a map";
            return false;
        }

        count = reader.ReadMapHeader();
        if (count > MaxMapEntries)
        {
            error = $"the map has {count} keys, over {MaxMapEntries}";
            return false;
        }

        return true;
    }

    // Keys 0-2 are known; a repeated known key is malformed; unknown keys (a later version's) are returned for skipping.
    private static bool TryReadKey(ref MessagePackReader reader, ref int seen, out long key, out string? error)
    {
        key = -1;
        error = null;
        if (reader.NextMessagePackType != MessagePackType.Integer)
        {
            error = "a key is not an integer";
            return false;
        }

        key = reader.ReadInt64();
        if (key is >= 0 and <= 2)
        {
            var bit = 1 << (int)key;
            if ((seen & bit) != 0)
            {
                error = $"key {key} is repeated";
                return false;
            }

            seen |= bit;
        }

        return true;
    }

    private static bool TryReadHeight(ref MessagePackReader reader, out ulong height, out string? error)
    {
        height = 0;
        error = null;
        if (reader.NextMessagePackType != MessagePackType.Integer)
        {
            error = "the height is not an integer";
            return false;
        }

        height = reader.ReadUInt64();
        if (height > long.MaxValue)
        {
            error = "the height is out of range";
            return false;
        }

        return true;
    }

    private static bool TryReadHead(ref MessagePackReader reader, out byte[]? head, out string? error)
    {
        head = null;
        error = null;
        if (reader.NextMessagePackType != MessagePackType.Binary)
        {
            error = "the head is not binary";
            return false;
        }

        // A slice of the input: the length is checked before anything is copied.
        var bytes = reader.ReadBytes()!.Value;
        if (bytes.Length != JournalHead.HashLength)
        {
            error = $"the head is {bytes.Length} bytes, not {JournalHead.HashLength}";
            return false;
        }

        head = BuffersExtensions.ToArray(bytes);
        return true;
    }

    private static bool TryReadEntries(ref MessagePackReader reader, JournalFetchOptions options, out ReadOnlyMemory<byte>[]? entries, out string? error)
    {
        entries = null;
        error = null;
        if (reader.NextMessagePackType != MessagePackType.Array)
        {
            error = "the entries are not an array";
            return false;
        }

        var count = reader.ReadArrayHeader();
        if (count > options.MaxEntriesPerPage)
        {
            error = $"{count} entries, over {options.MaxEntriesPerPage}";
            return false;
        }

        var list = new ReadOnlyMemory<byte>[count];
        for (var i = 0; i < count; i++)
        {
            if (reader.NextMessagePackType != MessagePackType.Binary)
            {
                error = $"entry {i} is not binary";
                return false;
            }

            var bytes = reader.ReadBytes()!.Value;
            if (bytes.Length == 0 || bytes.Length > options.MaxEntrySize)
            {
                error = $"entry {i} is {bytes.Length} bytes, not 1 to {options.MaxEntrySize}";
                return false;
            }

            list[i] = BuffersExtensions.ToArray(bytes);
        }

        entries = list;
        return true;
    }

    private static bool TrySkip(ref MessagePackReader reader, out string? error)
    {
        error = null;
        if (MessagePackSkipper.TrySkip(ref reader, 0, MaxSkipDepth))
        {
            return true;
        }

        error = $"an unknown value nests deeper than {MaxSkipDepth}";
        return false;
    }
}
