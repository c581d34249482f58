using System.Buffers;
using MessagePack;
using Mesh.Core.Journal;
using Mesh.Core.Resources;

namespace Mesh.Core.Ledger;

/// <summary>
/// Writes the payload map of a ledger entry (docs/protocol.md, "Ledger"): every field, keys ascending. The optional
/// <c>journal</c> (key 14) is written only when the entry has one, so entries without it keep their earlier bytes.
/// </summary>
internal static class LedgerPayloadWriter
{
    public static void Write(IBufferWriter<byte> output, LedgerEntry entry)
    {
        var writer = new MessagePackWriter(output);
        writer.WriteMapHeader(entry.Journal is null ? LedgerFields.Journal : LedgerFields.Journal + 1);
        writer.Write(LedgerFields.Peer);
        writer.Write(entry.Peer.Bytes);
        writer.Write(LedgerFields.Name);
        writer.Write(entry.Name);
        writer.Write(LedgerFields.Version);
        writer.Write(entry.Version);
        writer.Write(LedgerFields.IssuedAt);
        writer.Write(entry.IssuedAt.ToUnixTimeMilliseconds());
        writer.Write(LedgerFields.Addresses);
        writer.WriteArrayHeader(entry.Addresses.Count);
        foreach (var address in entry.Addresses)
        {
            writer.Write(address);
        }

        writer.Write(LedgerFields.Capacity);
        WriteVector(ref writer, entry.Capacity);
        writer.Write(LedgerFields.Reserved);
        WriteVector(ref writer, entry.Reserved);
        writer.Write(LedgerFields.Surplus);
        WriteVector(ref writer, entry.Surplus);
        writer.Write(LedgerFields.InUse);
        WriteVector(ref writer, entry.InUse);
        writer.Write(LedgerFields.Gpus);
        writer.WriteArrayHeader(entry.Gpus.Count);
        foreach (var gpu in entry.Gpus)
        {
            writer.WriteArrayHeader(2);
            writer.Write(gpu.Model);
            writer.Write(gpu.Memory);
        }

        writer.Write(LedgerFields.Queued);
        writer.Write(entry.Queued);
        writer.Write(LedgerFields.Running);
        writer.Write(entry.Running);
        writer.Write(LedgerFields.Score);
        writer.Write(entry.Score);
        writer.Write(LedgerFields.Policy);
        writer.Write(entry.Policy);
        if (entry.Journal is { } journal)
        {
            writer.Write(LedgerFields.Journal);
            WriteJournal(ref writer, journal);
        }

        writer.Flush();
    }

    /// <summary>[cpu float64, memory int, disk int, gpu int]: cpu always as float64 so fractions survive.</summary>
    private static void WriteVector(ref MessagePackWriter writer, ResourceVector vector)
    {
        writer.WriteArrayHeader(4);
        writer.Write(vector.Cpu);
        writer.Write(vector.Memory);
        writer.Write(vector.Disk);
        writer.Write(vector.Gpu);
    }

    /// <summary>[height uint, head bin32, given, used]; given and used are [cpuSeconds f64, memoryByteSeconds f64, gpuSeconds f64, tasks uint].</summary>
    private static void WriteJournal(ref MessagePackWriter writer, JournalSummary journal)
    {
        writer.WriteArrayHeader(4);
        writer.Write((ulong)journal.Head.Height);
        writer.Write(journal.Head.Hash.Span);
        WriteAmount(ref writer, journal.Contribution.Given);
        WriteAmount(ref writer, journal.Contribution.Used);
    }

    private static void WriteAmount(ref MessagePackWriter writer, ResourceSeconds amount)
    {
        writer.WriteArrayHeader(4);
        writer.Write(amount.CpuSeconds);
        writer.Write(amount.MemoryByteSeconds);
        writer.Write(amount.GpuSeconds);
        writer.Write((ulong)amount.Tasks);
    }
}
