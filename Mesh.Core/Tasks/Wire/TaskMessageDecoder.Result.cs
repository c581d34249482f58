using System.Buffers;

namespace Mesh.Core.Tasks.Wire;

internal static partial class TaskMessageDecoder
{
    private static RunResultMessage ReadRunResult(ref TaskWireReader reader)
    {
        const string What = "RunResult";
        var count = reader.ReadMapHeader(What);
        ulong seen = 0;
        AttemptId attempt = default;
        TaskId task = default;
        var reason = TaskEndReason.Exited;
        int? exitCode = null;
        int? signal = null;
        string? text = null;
        var usage = TaskUsage.None;
        TaskOutputFile[] outputs = [];
        RunResultJournal? journal = null;
        for (var i = 0; i < count; i++)
        {
            switch (reader.ReadKey(ref seen, 8, What))
            {
                case 0: attempt = reader.ReadAttemptId(); break;
                case 1: task = reader.ReadTaskId(); break;
                case 2: reason = (TaskEndReason)reader.ReadInt32("the end reason", (int)TaskEndReason.Exited, (int)TaskEndReason.Evicted); break;
                case 3: exitCode = reader.TryReadNil() ? null : reader.ReadInt32("the exit code"); break;
                case 4: signal = reader.TryReadNil() ? null : reader.ReadInt32("the signal", 1, 255); break;
                case 5: text = reader.TryReadNil() ? null : reader.ReadString(reader.Limits.MaxTextBytes, "the result message"); break;
                case 6: usage = reader.ReadUsage(); break;
                case 7: outputs = ReadManifest(ref reader); break;
                case 8: journal = ReadJournal(ref reader); break;
                default: reader.Skip(); break;
            }
        }

        TaskWireReader.Require(seen, AttemptAndTask | (1UL << 2), What);
        var result = new TaskResult { Reason = reason, ExitCode = exitCode, Signal = signal, Message = text, Usage = usage, Outputs = outputs };
        return new RunResultMessage(attempt, task, result, journal);
    }

    /// <summary>[record bin, executorSignature bin64, ...] (docs/protocol.md "Journal"); the record is checked by the origin, not here.</summary>
    private static RunResultJournal ReadJournal(ref TaskWireReader reader)
    {
        var length = reader.ReadArrayHeader(16, "the journal record");
        if (length < 2)
        {
            throw TaskWireReader.Invalid("the journal record has fewer than 2 elements");
        }

        var record = reader.ReadBinary(reader.Limits.MaxJournalRecordBytes, "the compute record");
        if (record.IsEmpty)
        {
            throw TaskWireReader.Invalid("the compute record is empty");
        }

        var recordBytes = record.ToArray();
        var signature = reader.ReadSignature("the executor signature");
        reader.SkipRest(length, 2);
        return new RunResultJournal(recordBytes, signature);
    }

    /// <summary>[[name, sha256, size, ...], ...].</summary>
    private static TaskOutputFile[] ReadManifest(ref TaskWireReader reader)
    {
        var files = new TaskOutputFile[reader.ReadArrayHeader(reader.Limits.MaxOutputFiles, "the output manifest")];
        for (var i = 0; i < files.Length; i++)
        {
            var length = reader.ReadArrayHeader(16, "an output file");
            if (length < 3)
            {
                throw TaskWireReader.Invalid("an output file has fewer than 3 elements");
            }

            files[i] = new TaskOutputFile(reader.ReadString(reader.Limits.MaxPathBytes, "an output file name"), reader.ReadSha256("an output file's sha256"), reader.ReadNonNegative("an output file's size"));
            reader.SkipRest(length, 3);
        }

        return files;
    }

    private static ResultAckMessage ReadResultAck(ref TaskWireReader reader)
    {
        const string What = "ResultAck";
        var count = reader.ReadMapHeader(What);
        ulong seen = 0;
        AttemptId attempt = default;
        TaskId task = default;
        var accepted = false;
        ReadOnlyMemory<byte> originSignature = default;
        for (var i = 0; i < count; i++)
        {
            switch (reader.ReadKey(ref seen, 3, What))
            {
                case 0: attempt = reader.ReadAttemptId(); break;
                case 1: task = reader.ReadTaskId(); break;
                case 2: accepted = reader.ReadBoolean("accepted"); break;
                case 3: originSignature = reader.ReadSignature("the origin signature"); break;
                default: reader.Skip(); break;
            }
        }

        TaskWireReader.Require(seen, AttemptAndTask | (1UL << 2), What);
        return new ResultAckMessage(attempt, task, accepted, originSignature);
    }
}
