using System.Buffers;
using System.Buffers.Binary;
using MessagePack;
using Mesh.Libp2p.Identity;

namespace Mesh.Core.Tasks.Wire;

internal ref partial struct TaskWireReader
{
    /// <summary>A task id: bin of exactly 16 bytes, big-endian, not all zero.</summary>
    public TaskId ReadTaskId()
    {
        var bytes = ReadBinary(TaskWireValues.TaskIdLength, "the task id");
        if (bytes.Length != TaskWireValues.TaskIdLength)
        {
            throw Invalid($"the task id is {bytes.Length} bytes, not {TaskWireValues.TaskIdLength}");
        }

        Span<byte> buffer = stackalloc byte[TaskWireValues.TaskIdLength];
        bytes.CopyTo(buffer);
        var id = new TaskId(BinaryPrimitives.ReadUInt64BigEndian(buffer), BinaryPrimitives.ReadUInt64BigEndian(buffer[8..]));
        return id.IsEmpty ? throw Invalid("the task id is zero") : id;
    }

    /// <summary>An attempt id: an unsigned integer, not zero.</summary>
    public AttemptId ReadAttemptId()
    {
        Expect(MessagePackType.Integer, "the attempt id", "an integer");

        // Any integer encoding is allowed; a negative one is not an attempt id (ReadUInt64 throws, caught as invalid).
        var value = _reader.ReadUInt64();
        return value != 0 ? new AttemptId(value) : throw Invalid("the attempt id is zero");
    }

    /// <summary>A SHA-256: bin of exactly 32 bytes, returned as 64 lowercase hex characters.</summary>
    public string ReadSha256(string what)
    {
        var bytes = ReadBinary(TaskWireValues.Sha256Length, what);
        if (bytes.Length != TaskWireValues.Sha256Length)
        {
            throw Invalid($"{what} is {bytes.Length} bytes, not {TaskWireValues.Sha256Length}");
        }

        Span<byte> buffer = stackalloc byte[TaskWireValues.Sha256Length];
        bytes.CopyTo(buffer);
        return Convert.ToHexStringLower(buffer);
    }

    /// <summary>An Ed25519 signature: bin of exactly 64 bytes, copied out of the message.</summary>
    public byte[] ReadSignature(string what)
    {
        var bytes = ReadBinary(RunResultJournal.SignatureLength, what);
        return bytes.Length == RunResultJournal.SignatureLength
            ? bytes.ToArray()
            : throw Invalid($"{what} is {bytes.Length} bytes, not {RunResultJournal.SignatureLength}");
    }

    /// <summary>A peer id: bin, its multihash bytes.</summary>
    public PeerId ReadPeerId(string what)
    {
        var bytes = ReadBinary(MaxPeerIdLength, what);
        Span<byte> buffer = stackalloc byte[(int)bytes.Length];
        bytes.CopyTo(buffer);
        return PeerId.TryFromBytes(buffer, out var peer) ? peer! : throw Invalid($"{what} is not a valid peer id");
    }

    /// <summary>A data chunk: bin of at most <see cref="TaskWireLimits.MaxChunkSize"/> bytes, copied out of the message.</summary>
    public ReadOnlyMemory<byte> ReadChunk(string what) => ReadBinary(Limits.MaxChunkSize, what).ToArray();
}
