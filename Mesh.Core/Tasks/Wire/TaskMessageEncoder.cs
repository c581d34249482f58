using MessagePack;
using Mesh.Core.Resources;

namespace Mesh.Core.Tasks.Wire;

/// <summary>
/// Writes one message <c>[type, body]</c> (docs/protocol.md, "Task protocol"): every field of the body, keys ascending,
/// optional fields left out when absent. Integers use the smallest MessagePack encoding; amounts are always float64.
/// </summary>
internal static partial class TaskMessageEncoder
{
    public static void Write(ref MessagePackWriter writer, TaskMessage message)
    {
        writer.WriteArrayHeader(2);
        writer.Write((int)message.Type);
        switch (message)
        {
            case RunRequestMessage m:
                writer.WriteMapHeader(4);
                WriteAttemptAndTask(ref writer, m.Attempt, m.Task);
                writer.Write(2);
                WriteSpec(ref writer, m.Spec);
                writer.Write(3);
                writer.Write(Milliseconds(m.Lease, "the lease"));
                break;
            case RunAcceptedMessage m:
                writer.WriteMapHeader(3);
                WriteAttemptAndTask(ref writer, m.Attempt, m.Task);
                writer.Write(2);
                writer.Write(m.LeaseUntil.ToUnixTimeMilliseconds());
                break;
            case RunRefusedMessage m:
                writer.WriteMapHeader(4);
                WriteAttemptAndTask(ref writer, m.Attempt, m.Task);
                writer.Write(2);
                writer.Write((int)m.Reason);
                writer.Write(3);
                writer.Write(m.Message);
                break;
            case InputRequestMessage m:
                writer.WriteMapHeader(2);
                WriteAttempt(ref writer, m.Attempt);
                writer.Write(2);
                writer.WriteArrayHeader(m.Sha256s.Count);
                foreach (var sha256 in m.Sha256s)
                {
                    writer.Write(TaskWireValues.Sha256Bytes(sha256, "a requested sha256"));
                }

                break;
            case InputDataMessage m:
                writer.WriteMapHeader(5);
                WriteAttempt(ref writer, m.Attempt);
                writer.Write(2);
                writer.Write(TaskWireValues.Sha256Bytes(m.Sha256, "the input's sha256"));
                WriteChunk(ref writer, 3, m.Offset, m.Data.Span);
                writer.Write(5);
                writer.Write(m.Last);
                break;
            case OutputChunkMessage m:
                writer.WriteMapHeader(4);
                WriteAttempt(ref writer, m.Attempt);
                writer.Write(2);
                writer.Write((int)m.Stream);
                WriteChunk(ref writer, 3, m.Offset, m.Data.Span);
                break;
            case OutputCreditMessage m:
                writer.WriteMapHeader(2);
                WriteAttempt(ref writer, m.Attempt);
                writer.Write(2);
                writer.Write(NonNegative(m.Bytes, "the credit"));
                break;
            default:
                WriteOther(ref writer, message);
                break;
        }
    }

    private static void WriteOther(ref MessagePackWriter writer, TaskMessage message)
    {
        switch (message)
        {
            case LeaseRenewMessage m:
                WriteAttemptAndTime(ref writer, m.Attempt, m.Until);
                break;
            case LeaseRenewedMessage m:
                WriteAttemptAndTime(ref writer, m.Attempt, m.Until);
                break;
            case LeaseLostMessage m:
                writer.WriteMapHeader(2);
                WriteAttempt(ref writer, m.Attempt);
                writer.Write(2);
                writer.Write(m.Message);
                break;
            case RunResultMessage m:
                WriteRunResult(ref writer, m);
                break;
            case ResultAckMessage m:
                writer.WriteMapHeader(m.OriginSignature.IsEmpty ? 3 : 4);
                WriteAttemptAndTask(ref writer, m.Attempt, m.Task);
                writer.Write(2);
                writer.Write(m.Accepted);
                if (!m.OriginSignature.IsEmpty)
                {
                    writer.Write(3);
                    writer.Write(Signature(m.OriginSignature, "the origin signature"));
                }

                break;
            case OutputFileDataMessage m:
                writer.WriteMapHeader(5);
                WriteAttempt(ref writer, m.Attempt);
                writer.Write(2);
                writer.Write(m.Name);
                WriteChunk(ref writer, 3, m.Offset, m.Data.Span);
                writer.Write(5);
                writer.Write(m.Last);
                break;
            case CancelMessage m:
                writer.WriteMapHeader(1);
                WriteAttempt(ref writer, m.Attempt);
                break;
            case StealRequestMessage m:
                writer.WriteMapHeader(3);
                writer.Write(0);
                writer.Write(m.Thief.Bytes);
                writer.Write(1);
                WriteResources(ref writer, m.Surplus);
                writer.Write(2);
                writer.Write(m.MaxTasks >= 1 ? m.MaxTasks : throw new ArgumentException("maxTasks must be at least 1."));
                break;
            case StealOfferMessage m:
                WriteStealOffer(ref writer, m);
                break;
            default:
                throw new ArgumentException($"{message.GetType().Name} is not a task protocol message this version writes.");
        }
    }

    private static void WriteAttemptAndTime(ref MessagePackWriter writer, AttemptId attempt, DateTimeOffset until)
    {
        writer.WriteMapHeader(2);
        WriteAttempt(ref writer, attempt);
        writer.Write(2);
        writer.Write(until.ToUnixTimeMilliseconds());
    }

    private static void WriteStealOffer(ref MessagePackWriter writer, StealOfferMessage offer)
    {
        writer.WriteMapHeader(1);
        writer.Write(0);
        writer.WriteArrayHeader(offer.Items.Count);
        foreach (var item in offer.Items)
        {
            writer.WriteMapHeader(4);
            WriteAttemptAndTask(ref writer, item.Attempt, item.Task);
            writer.Write(2);
            WriteSpec(ref writer, item.Spec);
            writer.Write(3);
            writer.Write(item.LeaseUntil.ToUnixTimeMilliseconds());
        }
    }

    private static void WriteAttempt(ref MessagePackWriter writer, AttemptId attempt)
    {
        writer.Write(0);
        writer.Write(!attempt.IsEmpty ? attempt.Value : throw new ArgumentException("The attempt id is empty."));
    }

    private static void WriteAttemptAndTask(ref MessagePackWriter writer, AttemptId attempt, TaskId task)
    {
        WriteAttempt(ref writer, attempt);
        writer.Write(1);
        if (task.IsEmpty)
        {
            throw new ArgumentException("The task id is empty.");
        }

        var bytes = new byte[TaskWireValues.TaskIdLength];
        TaskWireValues.WriteTaskId(bytes, task);
        writer.Write(bytes);
    }

    /// <summary>Keys <paramref name="firstKey"/> (offset) and the next (data).</summary>
    private static void WriteChunk(ref MessagePackWriter writer, int firstKey, long offset, ReadOnlySpan<byte> data)
    {
        writer.Write(firstKey);
        writer.Write(NonNegative(offset, "the offset"));
        writer.Write(firstKey + 1);
        writer.Write(data);
    }

    /// <summary>[cpu float64, memory, disk, gpu].</summary>
    private static void WriteResources(ref MessagePackWriter writer, ResourceVector vector)
    {
        if (!double.IsFinite(vector.Cpu) || vector.Cpu < 0 || vector.Memory < 0 || vector.Disk < 0 || vector.Gpu < 0)
        {
            throw new ArgumentException($"A resource vector has a negative or non-finite component: {vector}.");
        }

        writer.WriteArrayHeader(4);
        writer.Write(vector.Cpu);
        writer.Write(vector.Memory);
        writer.Write(vector.Disk);
        writer.Write(vector.Gpu);
    }

    private static ReadOnlySpan<byte> Signature(ReadOnlyMemory<byte> signature, string what) =>
        signature.Length == RunResultJournal.SignatureLength
            ? signature.Span
            : throw new ArgumentException($"{what} is {signature.Length} bytes, not {RunResultJournal.SignatureLength}.");

    private static long NonNegative(long value, string what) =>
        value >= 0 ? value : throw new ArgumentException($"{what} is negative ({value}).");

    /// <summary>A duration as whole milliseconds, at least 1 (sub-millisecond parts are rounded up).</summary>
    private static long Milliseconds(TimeSpan duration, string what)
    {
        var milliseconds = (long)Math.Ceiling(duration.TotalMilliseconds);
        return milliseconds is > 0 and <= TaskWireValues.MaxDurationMilliseconds
            ? milliseconds
            : throw new ArgumentException($"{what} ({duration}) must be more than zero and at most 2^53 ms.");
    }
}
