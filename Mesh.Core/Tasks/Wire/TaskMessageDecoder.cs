namespace Mesh.Core.Tasks.Wire;

/// <summary>
/// Reads one message <c>[type, body]</c> (docs/protocol.md, "Task protocol", "Messages"). Bodies are maps with
/// integer keys; unknown keys are skipped (a newer peer may add fields), a repeated or missing required key is invalid.
/// Key 0 is the attempt id and key 1 the task id in every message that has them.
/// </summary>
internal static partial class TaskMessageDecoder
{
    private const ulong Attempt = 1UL << 0;
    private const ulong AttemptAndTask = Attempt | (1UL << 1);

    public static TaskMessage Decode(ref TaskWireReader reader)
    {
        var length = reader.ReadArrayHeader(16, "the message");
        if (length < 2)
        {
            throw TaskWireReader.Invalid("the message has fewer than 2 elements");
        }

        var type = reader.ReadInt32("the message type");

        // The protocol id carries the version (/mesh/task/1.0.0): a type this version does not define is an error,
        // not something to skip, since the conversation would go on without a message the sender relies on.
        TaskMessage message = (TaskMessageType)type switch
        {
            TaskMessageType.RunRequest => ReadRunRequest(ref reader),
            TaskMessageType.RunAccepted => ReadRunAccepted(ref reader),
            TaskMessageType.RunRefused => ReadRunRefused(ref reader),
            TaskMessageType.InputRequest => ReadInputRequest(ref reader),
            TaskMessageType.InputData => ReadInputData(ref reader),
            TaskMessageType.OutputChunk => ReadOutputChunk(ref reader),
            TaskMessageType.OutputCredit => ReadOutputCredit(ref reader),
            TaskMessageType.LeaseRenew => ReadLeaseRenew(ref reader),
            TaskMessageType.LeaseRenewed => ReadLeaseRenewed(ref reader),
            TaskMessageType.LeaseLost => ReadLeaseLost(ref reader),
            TaskMessageType.RunResult => ReadRunResult(ref reader),
            TaskMessageType.ResultAck => ReadResultAck(ref reader),
            TaskMessageType.OutputFileData => ReadOutputFileData(ref reader),
            TaskMessageType.Cancel => ReadCancel(ref reader),
            TaskMessageType.StealRequest => ReadStealRequest(ref reader),
            TaskMessageType.StealOffer => ReadStealOffer(ref reader),
            _ => throw TaskWireReader.Invalid($"unknown type {type}"),
        };

        // Elements after the body are reserved for later versions of the envelope and skipped.
        reader.SkipRest(length, 2);
        return reader.End ? message : throw TaskWireReader.Invalid("bytes follow the message");
    }

    private static RunRequestMessage ReadRunRequest(ref TaskWireReader reader)
    {
        const string What = "RunRequest";
        var count = reader.ReadMapHeader(What);
        ulong seen = 0;
        AttemptId attempt = default;
        TaskId task = default;
        TaskSpec? spec = null;
        var lease = TimeSpan.Zero;
        for (var i = 0; i < count; i++)
        {
            switch (reader.ReadKey(ref seen, 3, What))
            {
                case 0: attempt = reader.ReadAttemptId(); break;
                case 1: task = reader.ReadTaskId(); break;
                case 2: spec = reader.ReadSpec(); break;
                case 3: lease = reader.ReadPositiveMilliseconds("the lease"); break;
                default: reader.Skip(); break;
            }
        }

        TaskWireReader.Require(seen, 0b1111, What);
        return new RunRequestMessage(attempt, task, spec!, lease);
    }

    private static RunAcceptedMessage ReadRunAccepted(ref TaskWireReader reader)
    {
        const string What = "RunAccepted";
        var count = reader.ReadMapHeader(What);
        ulong seen = 0;
        AttemptId attempt = default;
        TaskId task = default;
        DateTimeOffset until = default;
        for (var i = 0; i < count; i++)
        {
            switch (reader.ReadKey(ref seen, 2, What))
            {
                case 0: attempt = reader.ReadAttemptId(); break;
                case 1: task = reader.ReadTaskId(); break;
                case 2: until = reader.ReadTimestamp("leaseUntil"); break;
                default: reader.Skip(); break;
            }
        }

        TaskWireReader.Require(seen, 0b111, What);
        return new RunAcceptedMessage(attempt, task, until);
    }

    private static RunRefusedMessage ReadRunRefused(ref TaskWireReader reader)
    {
        const string What = "RunRefused";
        var count = reader.ReadMapHeader(What);
        ulong seen = 0;
        AttemptId attempt = default;
        TaskId task = default;
        var reason = RunRefusalReason.NotAllowed;
        var text = string.Empty;
        for (var i = 0; i < count; i++)
        {
            switch (reader.ReadKey(ref seen, 3, What))
            {
                case 0: attempt = reader.ReadAttemptId(); break;
                case 1: task = reader.ReadTaskId(); break;
                case 2: reason = (RunRefusalReason)reader.ReadInt32("the refusal reason", 0); break;
                case 3: text = reader.ReadString(reader.Limits.MaxTextBytes, "the refusal message"); break;
                default: reader.Skip(); break;
            }
        }

        TaskWireReader.Require(seen, 0b111, What);
        return new RunRefusedMessage(attempt, task, reason, text);
    }

    private static InputRequestMessage ReadInputRequest(ref TaskWireReader reader)
    {
        const string What = "InputRequest";
        var count = reader.ReadMapHeader(What);
        ulong seen = 0;
        AttemptId attempt = default;
        string[] hashes = [];
        for (var i = 0; i < count; i++)
        {
            switch (reader.ReadKey(ref seen, 2, What))
            {
                case 0: attempt = reader.ReadAttemptId(); break;
                case 2:
                    hashes = new string[reader.ReadArrayHeader(reader.Limits.MaxInputs, "the SHA-256 list")];
                    for (var h = 0; h < hashes.Length; h++)
                    {
                        hashes[h] = reader.ReadSha256("a requested sha256");
                    }

                    break;
                default: reader.Skip(); break;
            }
        }

        TaskWireReader.Require(seen, Attempt | (1UL << 2), What);
        return new InputRequestMessage(attempt, hashes);
    }

    private static InputDataMessage ReadInputData(ref TaskWireReader reader)
    {
        var piece = ReadPiece(ref reader, "InputData", nameIsSha256: true);
        return new InputDataMessage(piece.Attempt, piece.Name, piece.Offset, piece.Data, piece.Last);
    }

    private static OutputFileDataMessage ReadOutputFileData(ref TaskWireReader reader)
    {
        var piece = ReadPiece(ref reader, "OutputFileData", nameIsSha256: false);
        return new OutputFileDataMessage(piece.Attempt, piece.Name, piece.Offset, piece.Data, piece.Last);
    }

    /// <summary>{0: attempt, 2: name (a sha256 for inputs, a path for output files), 3: offset, 4: chunk, 5: last}.</summary>
    private static (AttemptId Attempt, string Name, long Offset, ReadOnlyMemory<byte> Data, bool Last) ReadPiece(ref TaskWireReader reader, string what, bool nameIsSha256)
    {
        var count = reader.ReadMapHeader(what);
        ulong seen = 0;
        AttemptId attempt = default;
        var name = string.Empty;
        long offset = 0;
        ReadOnlyMemory<byte> data = default;
        var last = false;
        for (var i = 0; i < count; i++)
        {
            switch (reader.ReadKey(ref seen, 5, what))
            {
                case 0: attempt = reader.ReadAttemptId(); break;
                case 2: name = nameIsSha256 ? reader.ReadSha256("the input's sha256") : reader.ReadString(reader.Limits.MaxPathBytes, "the file name"); break;
                case 3: offset = reader.ReadNonNegative("the offset"); break;
                case 4: data = reader.ReadChunk("the data"); break;
                case 5: last = reader.ReadBoolean("last"); break;
                default: reader.Skip(); break;
            }
        }

        TaskWireReader.Require(seen, Attempt | 0b111100, what);
        return (attempt, name, offset, data, last);
    }

    private static OutputChunkMessage ReadOutputChunk(ref TaskWireReader reader)
    {
        const string What = "OutputChunk";
        var count = reader.ReadMapHeader(What);
        ulong seen = 0;
        AttemptId attempt = default;
        var stream = OutputStreamKind.Stdout;
        long offset = 0;
        ReadOnlyMemory<byte> data = default;
        for (var i = 0; i < count; i++)
        {
            switch (reader.ReadKey(ref seen, 4, What))
            {
                case 0: attempt = reader.ReadAttemptId(); break;
                case 2: stream = (OutputStreamKind)reader.ReadInt32("the stream", (int)OutputStreamKind.Stdout, (int)OutputStreamKind.Notice); break;
                case 3: offset = reader.ReadNonNegative("the offset"); break;
                case 4: data = reader.ReadChunk("the data"); break;
                default: reader.Skip(); break;
            }
        }

        TaskWireReader.Require(seen, Attempt | 0b11100, What);
        return new OutputChunkMessage(attempt, stream, offset, data);
    }

    private static OutputCreditMessage ReadOutputCredit(ref TaskWireReader reader)
    {
        const string What = "OutputCredit";
        var count = reader.ReadMapHeader(What);
        ulong seen = 0;
        AttemptId attempt = default;
        long bytes = 0;
        for (var i = 0; i < count; i++)
        {
            switch (reader.ReadKey(ref seen, 2, What))
            {
                case 0: attempt = reader.ReadAttemptId(); break;
                case 2: bytes = reader.ReadNonNegative("the credit"); break;
                default: reader.Skip(); break;
            }
        }

        TaskWireReader.Require(seen, Attempt | (1UL << 2), What);
        return new OutputCreditMessage(attempt, bytes);
    }
}
