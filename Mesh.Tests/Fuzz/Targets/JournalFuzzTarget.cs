using Mesh.Core.Journal;

namespace Mesh.Tests.Fuzz.Targets;

/// <summary>Decodes a journal entry and a compute record, as a fetched journal page or the journal file is read.</summary>
internal static class JournalFuzzTarget
{
    /// <summary>The input as an entry (then checked as a one-entry chain) and as a record; neither may throw.</summary>
    public static void Run(ReadOnlySpan<byte> input)
    {
        var bytes = input.ToArray();
        var entryOk = JournalEntryCodec.TryRead(bytes, out var entry, out var entryError);
        if (entryOk != entry is not null || entryOk == entryError is not null)
        {
            throw new FuzzInvariantException($"entry: ok {entryOk} came with entry {(entry is null ? "null" : "set")} and error {entryError ?? "null"}");
        }

        if (entryOk)
        {
            // The verifier reads the record's peer ids for keys and checks both signatures: a page from a peer goes there.
            var verification = JournalVerifier.Verify([bytes], JournalHead.Genesis, null);
            if (verification.Entries != 1)
            {
                throw new FuzzInvariantException($"one entry checked as {verification.Entries}");
            }
        }

        var recordOk = ComputeRecordCodec.TryRead(bytes, out var record, out var recordError);
        if (recordOk != record is not null || recordOk == recordError is not null)
        {
            throw new FuzzInvariantException($"record: ok {recordOk} came with record {(record is null ? "null" : "set")} and error {recordError ?? "null"}");
        }
    }
}
