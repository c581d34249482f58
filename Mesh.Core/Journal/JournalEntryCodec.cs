using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using MessagePack;
using Mesh.Core.Tasks.Wire;

namespace Mesh.Core.Journal;

/// <summary>
/// Encodes, decodes and hashes journal entries (docs/protocol.md, "Journal", the entry map). The hash covers the exact
/// stored bytes, so an entry is never re-encoded to be checked. The decoder is pure, bounded by
/// <see cref="JournalFormat.MaxEntryBytes"/> and never throws; it does not check signatures or links
/// (<see cref="JournalVerifier"/> does).
/// </summary>
public static class JournalEntryCodec
{
    private const int HighestKnownKey = 4;

    /// <summary>Keys 0-4 are all required.</summary>
    private const ulong RequiredKeys = 0b1_1111;

    private static readonly byte[] HashContext = Encoding.ASCII.GetBytes(JournalFormat.EntryHashContext);

    /// <summary>Encodes the entry at <paramref name="height"/> that follows the entry hashing to <paramref name="previous"/>.</summary>
    /// <exception cref="ArgumentException">The height is below 1, the previous hash is not 32 bytes, the record is over 4 KiB or not countersigned, or a signature is not 64 bytes.</exception>
    public static byte[] Encode(long height, ReadOnlySpan<byte> previous, SignedComputeRecord tx)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (previous.Length != JournalHead.HashLength)
        {
            throw new ArgumentException($"The previous hash is {previous.Length} bytes, not {JournalHead.HashLength}.", nameof(previous));
        }

        if (tx.RecordBytes.Length is 0 or > JournalFormat.MaxRecordBytes)
        {
            throw new ArgumentException($"The record is {tx.RecordBytes.Length} bytes (1 to {JournalFormat.MaxRecordBytes}).", nameof(tx));
        }

        if (tx.ExecutorSignature.Length != JournalFormat.SignatureLength || tx.OriginSignature.Length != JournalFormat.SignatureLength)
        {
            throw new ArgumentException("A journal entry needs both signatures (64 bytes each): the record is not countersigned.", nameof(tx));
        }

        var output = new ArrayBufferWriter<byte>(tx.RecordBytes.Length + 256);
        var writer = new MessagePackWriter(output);
        writer.WriteMapHeader(5);
        writer.Write(0);
        writer.Write(height);
        writer.Write(1);
        writer.Write(previous);
        writer.Write(2);
        writer.Write(tx.RecordBytes.Span);
        writer.Write(3);
        writer.Write(tx.ExecutorSignature.Span);
        writer.Write(4);
        writer.Write(tx.OriginSignature.Span);
        writer.Flush();
        return output.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Decodes an entry that fills <paramref name="bytes"/> exactly, with its record, and hashes it. The bytes are
    /// copied. Never throws: malformed, oversized or trailing bytes give false and a reason.
    /// </summary>
    public static bool TryRead(ReadOnlyMemory<byte> bytes, [NotNullWhen(true)] out JournalEntry? entry, [NotNullWhen(false)] out string? error)
    {
        entry = null;
        if (bytes.Length > JournalFormat.MaxEntryBytes)
        {
            error = $"the entry is {bytes.Length} bytes, over {JournalFormat.MaxEntryBytes}";
            return false;
        }

        var copy = bytes.ToArray();
        if (!TaskWireReader.TryDecode(new ReadOnlySequence<byte>(copy), TaskWireLimits.Default, Read, "bytes follow the entry", out var fields, out error))
        {
            return false;
        }

        if (!ComputeRecordCodec.TryRead(fields.Record, out var record, out var recordError))
        {
            error = "its record: " + recordError;
            return false;
        }

        var transaction = new SignedComputeRecord(record, fields.Record, fields.ExecutorSignature, fields.OriginSignature);
        entry = new JournalEntry(fields.Height, fields.Previous, transaction, copy, Hash(copy));
        error = null;
        return true;
    }

    /// <summary>The entry hash: SHA-256 of <c>"mesh-journal-entry-v1:" || entryBytes</c>.</summary>
    public static byte[] Hash(ReadOnlySpan<byte> entryBytes)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(HashContext);
        hash.AppendData(entryBytes);
        return hash.GetHashAndReset();
    }

    private static EntryFields Read(ref TaskWireReader reader)
    {
        const string What = "the entry";
        var count = reader.ReadMapHeader(What);
        ulong seen = 0;
        var fields = default(EntryFields);
        for (var i = 0; i < count; i++)
        {
            switch (reader.ReadKey(ref seen, HighestKnownKey, What))
            {
                case 0:
                    fields.Height = reader.ReadNonNegative("the height");
                    if (fields.Height < 1)
                    {
                        throw TaskWireReader.Invalid("the height is 0");
                    }

                    break;
                case 1: fields.Previous = ReadExact(ref reader, JournalHead.HashLength, "the previous hash"); break;
                case 2: fields.Record = reader.ReadBinary(JournalFormat.MaxRecordBytes, "the record").ToArray(); break;
                case 3: fields.ExecutorSignature = ReadExact(ref reader, JournalFormat.SignatureLength, "the executor's signature"); break;
                case 4: fields.OriginSignature = ReadExact(ref reader, JournalFormat.SignatureLength, "the origin's signature"); break;
                default: reader.Skip(); break;
            }
        }

        TaskWireReader.Require(seen, RequiredKeys, What);
        return fields;
    }

    private static byte[] ReadExact(ref TaskWireReader reader, int length, string what)
    {
        var bytes = reader.ReadBinary(length, what);
        return bytes.Length == length ? bytes.ToArray() : throw TaskWireReader.Invalid($"{what} is {bytes.Length} bytes, not {length}");
    }

    private struct EntryFields
    {
        public long Height;
        public byte[] Previous;
        public byte[] Record;
        public byte[] ExecutorSignature;
        public byte[] OriginSignature;
    }
}
