using Mesh.Core.Journal;
using Mesh.Core.Resources;
using Mesh.Core.Tasks;
using Mesh.Libp2p.Identity;

namespace Mesh.Tests.Node.Control.Journals;

/// <summary>Builds real, signed, chained journal entries for an owner, each a task run by the owner for a client.</summary>
internal static class TestChain
{
    public static readonly DateTimeOffset Start = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public static IdentityKey Key(byte seed)
    {
        var bytes = new byte[32];
        bytes[0] = seed;
        bytes[31] = 0x33;
        return IdentityKey.FromSeed(bytes);
    }

    /// <summary>A signed, countersigned transaction: <paramref name="executor"/> ran task number <paramref name="index"/> for <paramref name="origin"/>.</summary>
    public static SignedComputeRecord Transaction(IdentityKey executor, IdentityKey origin, int index)
    {
        var record = new ComputeRecord
        {
            Task = new TaskId(0x0193_0000_0000_0000UL, (ulong)index + 1),
            Attempt = new AttemptId((ulong)index + 1),
            Origin = origin.PeerId,
            Executor = executor.PeerId,
            CommandDigest = CommandDigest.Of(["echo", index.ToString(System.Globalization.CultureInfo.InvariantCulture)]),
            Requested = new ResourceVector(1, 1024 * 1024, 0, 0),
            Used = new TaskUsage(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(2 + index), 5_000_000),
            StartedAt = Start.AddMinutes(index),
            FinishedAt = Start.AddMinutes(index).AddSeconds(10),
            Reason = TaskEndReason.Exited,
            ExitCode = 0,
        };
        return JournalSigning.Countersign(origin, JournalSigning.SignAsExecutor(executor, record));
    }

    /// <summary><paramref name="count"/> chained entries of <paramref name="owner"/>'s journal, each run for <paramref name="client"/>.</summary>
    public static List<byte[]> Entries(IdentityKey owner, IdentityKey client, int count)
    {
        var entries = new List<byte[]>(count);
        var previous = JournalHead.Genesis.Hash.ToArray();
        for (var i = 0; i < count; i++)
        {
            var bytes = JournalEntryCodec.Encode(i + 1, previous, Transaction(owner, client, i));
            entries.Add(bytes);
            previous = JournalEntryCodec.Hash(bytes);
        }

        return entries;
    }

    /// <summary>The head of a chain of <paramref name="entries"/>.</summary>
    public static JournalHead HeadOf(IReadOnlyList<byte[]> entries) =>
        entries.Count == 0 ? JournalHead.Genesis : new JournalHead(entries.Count, JournalEntryCodec.Hash(entries[^1]));
}
