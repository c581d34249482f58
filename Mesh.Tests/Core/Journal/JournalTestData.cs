using Mesh.Core.Journal;
using Mesh.Core.Resources;
using Mesh.Core.Tasks;
using Mesh.Libp2p.Identity;

namespace Mesh.Tests.Core.Journal;

/// <summary>Records, signed transactions and chains for the journal tests, with real Ed25519 keys.</summary>
internal static class JournalTestData
{
    public static readonly DateTimeOffset StartedAt = DateTimeOffset.FromUnixTimeMilliseconds(1_764_000_000_000);

    /// <summary>The key of the known-answer vector's executor (seed of 32 bytes 0x01) or origin (0x02).</summary>
    public static IdentityKey SeedKey(byte fill) => IdentityKey.FromSeed(Enumerable.Repeat(fill, 32).ToArray());

    /// <summary>The record of the known-answer vector (docs/protocol.md, "Journal", test vectors).</summary>
    public static ComputeRecord VectorRecord() => new()
    {
        Task = new TaskId(0x0102030405060708, 0x090a0b0c0d0e0f10),
        Attempt = new AttemptId(42),
        Origin = SeedKey(2).PeerId,
        Executor = SeedKey(1).PeerId,
        CommandDigest = CommandDigest.Of(["echo", "hi"]),
        Requested = new ResourceVector(1.5, 1_048_576, 0, 0),
        Used = new TaskUsage(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1.5), 10_485_760),
        StartedAt = StartedAt,
        FinishedAt = StartedAt.AddSeconds(2),
        Reason = TaskEndReason.Exited,
        ExitCode = 0,
    };

    public static ComputeRecord Record(PeerId origin, PeerId executor, ulong attempt = 1, TaskId? task = null) => new()
    {
        Task = task ?? new TaskId(0x0193_0000_0000_0001, attempt),
        Attempt = new AttemptId(attempt),
        Origin = origin,
        Executor = executor,
        CommandDigest = CommandDigest.Of(["sh", "-c", "true"]),
        Requested = new ResourceVector(2, 1 << 30, 0, 1),
        Used = new TaskUsage(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(4), 1_000_000),
        StartedAt = StartedAt,
        FinishedAt = StartedAt.AddSeconds(10),
        Reason = TaskEndReason.Exited,
        ExitCode = 0,
    };

    /// <summary>A record of <paramref name="attempt"/>, signed by its executor and countersigned by its origin.</summary>
    public static SignedComputeRecord Transaction(IdentityKey origin, IdentityKey executor, ulong attempt = 1)
    {
        var signed = JournalSigning.SignAsExecutor(executor, Record(origin.PeerId, executor.PeerId, attempt));
        return JournalSigning.Countersign(origin, signed);
    }

    /// <summary>A chain of <paramref name="count"/> entries of <paramref name="owner"/>, alternating given, used and local runs.</summary>
    public static List<byte[]> Chain(IdentityKey owner, IdentityKey other, int count)
    {
        var entries = new List<byte[]>(count);
        var previous = JournalHead.Genesis.Hash.ToArray();
        for (var i = 1; i <= count; i++)
        {
            var transaction = (i % 3) switch
            {
                0 => Transaction(owner, other, (ulong)i),
                1 => Transaction(other, owner, (ulong)i),
                _ => Transaction(owner, owner, (ulong)i),
            };
            var bytes = JournalEntryCodec.Encode(i, previous, transaction);
            entries.Add(bytes);
            previous = JournalEntryCodec.Hash(bytes);
        }

        return entries;
    }

    public static IEnumerable<ReadOnlyMemory<byte>> AsMemory(IEnumerable<byte[]> entries) => entries.Select(e => (ReadOnlyMemory<byte>)e);
}
