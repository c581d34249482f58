using System.Diagnostics.CodeAnalysis;
using Mesh.Core.Journal;
using Mesh.Core.Tasks;
using Mesh.Libp2p.Identity;

namespace Mesh.Tests.Node.Control.Journals;

/// <summary>An <see cref="IComputeJournal"/> over a list of entry bytes, checked by the real verifier: tests can tamper with it.</summary>
internal sealed class MemoryJournal(PeerId owner, List<byte[]> entries) : IComputeJournal
{
    public event EventHandler? Changed;

    public List<byte[]> Entries { get; } = entries;

    public PeerId Owner { get; } = owner;

    public JournalHead Head => TestChain.HeadOf(Entries);

    public Contribution Contribution => Contribution.None;

    public Task<JournalEntry> AppendAsync(SignedComputeRecord transaction, CancellationToken cancellationToken = default)
    {
        Changed?.Invoke(this, EventArgs.Empty);
        throw new NotSupportedException();
    }

    public bool TryFind(TaskId task, AttemptId attempt, [NotNullWhen(true)] out JournalEntry? entry)
    {
        entry = null;
        return false;
    }

    public IReadOnlyList<ReadOnlyMemory<byte>> ReadRaw(long fromHeight, int maxEntries) =>
        [.. Entries.Skip((int)Math.Min(int.MaxValue, fromHeight - 1)).Take(maxEntries).Select(e => (ReadOnlyMemory<byte>)e)];

    public JournalVerification Verify() => JournalVerifier.Verify(Entries.Select(e => (ReadOnlyMemory<byte>)e), JournalHead.Genesis, Owner);
}
