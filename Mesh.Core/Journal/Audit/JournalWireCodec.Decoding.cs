using System.Buffers;
using Mesh.Core.Tasks.Wire;

namespace Mesh.Core.Journal.Audit;

/// <content>
/// The two maps, read with the task protocol's reader: the same rules (integer keys, a known key once, unknown keys
/// skipped at most 8 levels deep, every length checked before a copy) and the same exceptions-to-result boundary.
/// </content>
public static partial class JournalWireCodec
{
    private const ulong RequestRequired = (1UL << RequestFields.From) | (1UL << RequestFields.Max);
    private const ulong ResponseRequired = (1UL << ResponseFields.Height) | (1UL << ResponseFields.Head) | (1UL << ResponseFields.Entries);

    /// <summary>Decodes one request that fills <paramref name="payload"/> exactly.</summary>
    internal static bool TryDecodeRequest(ReadOnlySequence<byte> payload, JournalFetchOptions options, out JournalFetchRequest? request, out string? error) =>
        TaskWireReader.TryDecode(payload, TaskWireLimits.Default, (ref TaskWireReader reader) => ReadRequest(ref reader, options), "bytes follow the request map", out request, out error);

    /// <summary>Decodes one response that fills <paramref name="payload"/> exactly.</summary>
    internal static bool TryDecodeResponse(ReadOnlySequence<byte> payload, JournalFetchOptions options, out JournalPage? page, out string? error) =>
        TaskWireReader.TryDecode(payload, TaskWireLimits.Default, (ref TaskWireReader reader) => ReadResponse(ref reader, options), "bytes follow the response map", out page, out error);

    private static JournalFetchRequest ReadRequest(ref TaskWireReader reader, JournalFetchOptions options)
    {
        const string What = "the request";
        var count = reader.ReadMapHeader(What);
        ulong seen = 0;
        long from = 0;
        long max = 0;
        for (var i = 0; i < count; i++)
        {
            switch (reader.ReadKey(ref seen, RequestFields.Max, What))
            {
                case RequestFields.From: from = reader.ReadNonNegative("from"); break;
                case RequestFields.Max: max = reader.ReadNonNegative("max"); break;
                default: reader.Skip(); break;
            }
        }

        TaskWireReader.Require(seen, RequestRequired, What);
        if (from < 1)
        {
            throw TaskWireReader.Invalid($"from is {from}, not a height");
        }

        return max >= 1 && max <= options.MaxEntriesPerPage
            ? new JournalFetchRequest(from, (int)max)
            : throw TaskWireReader.Invalid($"max is {max}, not 1 to {options.MaxEntriesPerPage}");
    }

    private static JournalPage ReadResponse(ref TaskWireReader reader, JournalFetchOptions options)
    {
        const string What = "the response";
        var count = reader.ReadMapHeader(What);
        ulong seen = 0;
        long height = 0;
        byte[] head = [];
        ReadOnlyMemory<byte>[] entries = [];
        for (var i = 0; i < count; i++)
        {
            switch (reader.ReadKey(ref seen, ResponseFields.Entries, What))
            {
                case ResponseFields.Height: height = reader.ReadNonNegative("the height"); break;
                case ResponseFields.Head: head = ReadHead(ref reader); break;
                case ResponseFields.Entries: entries = ReadEntries(ref reader, options); break;
                default: reader.Skip(); break;
            }
        }

        TaskWireReader.Require(seen, ResponseRequired, What);
        return new JournalPage(new JournalHead(height, head), entries);
    }

    private static byte[] ReadHead(ref TaskWireReader reader)
    {
        var bytes = reader.ReadBinary(JournalHead.HashLength, "the head");
        return bytes.Length == JournalHead.HashLength
            ? bytes.ToArray()
            : throw TaskWireReader.Invalid($"the head is {bytes.Length} bytes, not {JournalHead.HashLength}");
    }

    private static ReadOnlyMemory<byte>[] ReadEntries(ref TaskWireReader reader, JournalFetchOptions options)
    {
        var entries = new ReadOnlyMemory<byte>[reader.ReadArrayHeader(options.MaxEntriesPerPage, "the entries")];
        for (var i = 0; i < entries.Length; i++)
        {
            var bytes = reader.ReadBinary(options.MaxEntrySize, "an entry");
            entries[i] = bytes.Length > 0 ? bytes.ToArray() : throw TaskWireReader.Invalid($"entry {i} is empty");
        }

        return entries;
    }
}
