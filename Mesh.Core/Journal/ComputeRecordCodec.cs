using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using MessagePack;
using Mesh.Core.Resources;
using Mesh.Core.Tasks;
using Mesh.Core.Tasks.Wire;

namespace Mesh.Core.Journal;

/// <summary>
/// Encodes and decodes compute records (docs/protocol.md, "Journal", the record map): MessagePack by hand, keys
/// ascending, so the decoder is pure, bounded by <see cref="JournalFormat.MaxRecordBytes"/> and never throws.
/// </summary>
public static partial class ComputeRecordCodec
{
    /// <summary>The highest record key this version reads; higher keys are skipped.</summary>
    private const int HighestKnownKey = 9;

    /// <summary>Keys 0-4 and 7-9 must be present (5 requested and 6 used default to zeros).</summary>
    private const ulong RequiredKeys = 0b11_1001_1111;

    /// <summary>Encodes <paramref name="record"/>: all ten keys, ascending, integers in their shortest form.</summary>
    /// <exception cref="ArgumentException">A field is out of its range, or the encoding is over <see cref="JournalFormat.MaxRecordBytes"/>.</exception>
    public static byte[] Encode(ComputeRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        Check(record);
        var output = new ArrayBufferWriter<byte>(256);
        var writer = new MessagePackWriter(output);
        writer.WriteMapHeader(10);
        writer.Write(0);
        var task = new byte[TaskWireValues.TaskIdLength];
        TaskWireValues.WriteTaskId(task, record.Task);
        writer.Write(task);
        writer.Write(1);
        writer.Write(record.Attempt.Value);
        writer.Write(2);
        writer.Write(record.Origin.Bytes);
        writer.Write(3);
        writer.Write(record.Executor.Bytes);
        writer.Write(4);
        writer.Write(record.CommandDigest.Span);
        writer.Write(5);
        WriteResources(ref writer, record.Requested);
        writer.Write(6);
        WriteUsage(ref writer, record.Used);
        writer.Write(7);
        writer.Write(record.StartedAt.ToUnixTimeMilliseconds());
        writer.Write(8);
        writer.Write(record.FinishedAt.ToUnixTimeMilliseconds());
        writer.Write(9);
        WriteOutcome(ref writer, record);
        writer.Flush();
        if (output.WrittenCount > JournalFormat.MaxRecordBytes)
        {
            throw new ArgumentException($"The compute record is {output.WrittenCount} bytes, over {JournalFormat.MaxRecordBytes}.", nameof(record));
        }

        return output.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Decodes a record that fills <paramref name="bytes"/> exactly. Never throws: malformed, oversized or trailing
    /// bytes give false and a reason.
    /// </summary>
    public static bool TryRead(ReadOnlyMemory<byte> bytes, [NotNullWhen(true)] out ComputeRecord? record, [NotNullWhen(false)] out string? error)
    {
        record = null;
        if (bytes.Length > JournalFormat.MaxRecordBytes)
        {
            error = $"the record is {bytes.Length} bytes, over {JournalFormat.MaxRecordBytes}";
            return false;
        }

        return TaskWireReader.TryDecode(new ReadOnlySequence<byte>(bytes), TaskWireLimits.Default, Read, "bytes follow the record", out record, out error);
    }

    private static void Check(ComputeRecord record)
    {
        if (record.Task.IsEmpty)
        {
            throw new ArgumentException("The record's task id is empty.", nameof(record));
        }

        if (record.Attempt.IsEmpty)
        {
            throw new ArgumentException("The record's attempt id is empty.", nameof(record));
        }

        ArgumentNullException.ThrowIfNull(record.Origin, nameof(record));
        ArgumentNullException.ThrowIfNull(record.Executor, nameof(record));
        ArgumentNullException.ThrowIfNull(record.Used, nameof(record));
        if (record.Origin.Bytes.Length > JournalFormat.MaxPeerIdLength || record.Executor.Bytes.Length > JournalFormat.MaxPeerIdLength)
        {
            throw new ArgumentException($"A peer id of the record is over {JournalFormat.MaxPeerIdLength} bytes.", nameof(record));
        }

        if (record.CommandDigest.Length != JournalFormat.DigestLength)
        {
            throw new ArgumentException($"The command digest is {record.CommandDigest.Length} bytes, not {JournalFormat.DigestLength}.", nameof(record));
        }

        if (record.Reason is < TaskEndReason.Exited or > TaskEndReason.Evicted)
        {
            throw new ArgumentException($"The end reason {record.Reason} is not one this version writes.", nameof(record));
        }

        if (record.Signal is < 1 or > 255)
        {
            throw new ArgumentException($"The signal {record.Signal} is out of range (1 to 255).", nameof(record));
        }
    }

    /// <summary>[cpu float64, memory, disk, gpu].</summary>
    private static void WriteResources(ref MessagePackWriter writer, ResourceVector vector)
    {
        if (!double.IsFinite(vector.Cpu) || vector.Cpu < 0 || vector.Memory < 0 || vector.Disk < 0 || vector.Gpu < 0)
        {
            throw new ArgumentException($"The requested resources have a negative or non-finite component: {vector}.");
        }

        writer.WriteArrayHeader(4);
        writer.Write(vector.Cpu);
        writer.Write(vector.Memory);
        writer.Write(vector.Disk);
        writer.Write(vector.Gpu);
    }

    /// <summary>[wallTime µs, cpuTime µs, peakMemory bytes].</summary>
    private static void WriteUsage(ref MessagePackWriter writer, TaskUsage usage)
    {
        writer.WriteArrayHeader(3);
        writer.Write(Microseconds(usage.WallTime, "the wall time"));
        writer.Write(Microseconds(usage.CpuTime, "the CPU time"));
        writer.Write(usage.PeakMemory >= 0 ? usage.PeakMemory : throw new ArgumentException($"The peak memory is negative ({usage.PeakMemory})."));
    }

    /// <summary>[reason, exitCode | nil, signal | nil].</summary>
    private static void WriteOutcome(ref MessagePackWriter writer, ComputeRecord record)
    {
        writer.WriteArrayHeader(3);
        writer.Write((int)record.Reason);
        if (record.ExitCode is { } exitCode)
        {
            writer.Write(exitCode);
        }
        else
        {
            writer.WriteNil();
        }

        if (record.Signal is { } signal)
        {
            writer.Write(signal);
        }
        else
        {
            writer.WriteNil();
        }
    }

    private static long Microseconds(TimeSpan duration, string what)
    {
        var microseconds = duration.Ticks / TimeSpan.TicksPerMicrosecond;
        return microseconds is >= 0 and <= TaskWireValues.MaxDurationMicroseconds
            ? microseconds
            : throw new ArgumentException($"{what} ({duration}) is negative or over 2^53 µs.");
    }
}
