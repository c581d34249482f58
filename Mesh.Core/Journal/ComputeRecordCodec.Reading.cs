using System.Buffers;
using Mesh.Core.Resources;
using Mesh.Core.Tasks;
using Mesh.Core.Tasks.Wire;
using Mesh.Libp2p.Identity;

namespace Mesh.Core.Journal;

public static partial class ComputeRecordCodec
{
    /// <summary>Reads the record map; a broken rule throws <see cref="TaskWireFormatException"/>.</summary>
    private static ComputeRecord Read(ref TaskWireReader reader)
    {
        const string What = "the record";
        var count = reader.ReadMapHeader(What);
        ulong seen = 0;
        TaskId task = default;
        AttemptId attempt = default;
        PeerId? origin = null;
        PeerId? executor = null;
        byte[] digest = [];
        var requested = ResourceVector.Zero;
        var used = TaskUsage.None;
        DateTimeOffset startedAt = default;
        DateTimeOffset finishedAt = default;
        (TaskEndReason Reason, int? ExitCode, int? Signal) outcome = default;
        for (var i = 0; i < count; i++)
        {
            switch (reader.ReadKey(ref seen, HighestKnownKey, What))
            {
                case 0: task = reader.ReadTaskId(); break;
                case 1: attempt = reader.ReadAttemptId(); break;
                case 2: origin = reader.ReadPeerId("the origin"); break;
                case 3: executor = reader.ReadPeerId("the executor"); break;
                case 4: digest = ReadDigest(ref reader); break;
                case 5: requested = reader.ReadResources("the requested resources"); break;
                case 6: used = reader.ReadUsage(); break;
                case 7: startedAt = reader.ReadTimestamp("startedAt"); break;
                case 8: finishedAt = reader.ReadTimestamp("finishedAt"); break;
                case 9: outcome = ReadOutcome(ref reader); break;
                default: reader.Skip(); break;
            }
        }

        TaskWireReader.Require(seen, RequiredKeys, What);
        return new ComputeRecord
        {
            Task = task,
            Attempt = attempt,
            Origin = origin!,
            Executor = executor!,
            CommandDigest = digest,
            Requested = requested,
            Used = used,
            StartedAt = startedAt,
            FinishedAt = finishedAt,
            Reason = outcome.Reason,
            ExitCode = outcome.ExitCode,
            Signal = outcome.Signal,
        };
    }

    private static byte[] ReadDigest(ref TaskWireReader reader)
    {
        var bytes = reader.ReadBinary(JournalFormat.DigestLength, "the command digest");
        return bytes.Length == JournalFormat.DigestLength
            ? bytes.ToArray()
            : throw TaskWireReader.Invalid($"the command digest is {bytes.Length} bytes, not {JournalFormat.DigestLength}");
    }

    /// <summary>[reason 0-6, exitCode int32 | nil, signal 1-255 | nil, ...]: further elements are skipped.</summary>
    private static (TaskEndReason Reason, int? ExitCode, int? Signal) ReadOutcome(ref TaskWireReader reader)
    {
        var length = reader.ReadArrayHeader(16, "the outcome");
        if (length < 3)
        {
            throw TaskWireReader.Invalid("the outcome has fewer than 3 elements");
        }

        var reason = (TaskEndReason)reader.ReadInt32("the end reason", (int)TaskEndReason.Exited, (int)TaskEndReason.Evicted);
        int? exitCode = reader.TryReadNil() ? null : reader.ReadInt32("the exit code");
        int? signal = reader.TryReadNil() ? null : reader.ReadInt32("the signal", 1, 255);
        reader.SkipRest(length, 3);
        return (reason, exitCode, signal);
    }
}
