using System.Diagnostics.CodeAnalysis;
using Mesh.Core.Journal;
using Mesh.Core.Tasks;
using Mesh.Libp2p.Identity;

namespace Mesh.Tests.Core.Journal.Audit;

/// <summary>A journal that serves a fixed list of entries (any bytes) and a head; only what the protocol handler reads.</summary>
internal sealed class FakeComputeJournal(PeerId owner, IReadOnlyList<byte[]> entries) : IComputeJournal
{
    public PeerId Owner { get; } = owner;

    public JournalHead Head => entries.Count == 0
        ? JournalHead.Genesis
        : new JournalHead(entries.Count, JournalEntryCodec.Hash(entries[^1]));

    public Contribution Contribution => Contribution.None;

    public int Reads { get; private set; }

    public event EventHandler? Changed
    {
        add { }
        remove { }
    }

    public Task<JournalEntry> AppendAsync(SignedComputeRecord transaction, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public bool TryFind(TaskId task, AttemptId attempt, [NotNullWhen(true)] out JournalEntry? entry) => throw new NotSupportedException();

    public IReadOnlyList<ReadOnlyMemory<byte>> ReadRaw(long fromHeight, int maxEntries)
    {
        Reads++;
        return [.. entries.Skip((int)Math.Min(int.MaxValue, fromHeight - 1)).Take(maxEntries).Select(e => (ReadOnlyMemory<byte>)e)];
    }

    public JournalVerification Verify() => throw new NotSupportedException();
}
