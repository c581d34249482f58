using Mesh.Core.Journal;
using Mesh.Core.Remote;
using Mesh.Libp2p.Identity;

namespace Mesh.Tests.Node.Control.Journals;

/// <summary>An <see cref="IJournalFetcher"/> serving other peers' journals from memory, as the protocol pages them.</summary>
internal sealed class FakeJournalFetcher : IJournalFetcher
{
    public Dictionary<PeerId, List<byte[]>> Journals { get; } = [];

    /// <summary>Overrides the head served with the entries (a lying peer); null serves the true head.</summary>
    public JournalHead? ServedHead { get; set; }

    public Exception? Failure { get; set; }

    public List<(PeerId Peer, long From, int Max)> Calls { get; } = [];

    public Task<JournalPage> FetchAsync(PeerId peer, long fromHeight, int maxEntries, CancellationToken cancellationToken = default)
    {
        Calls.Add((peer, fromHeight, maxEntries));
        if (Failure is not null)
        {
            return Task.FromException<JournalPage>(Failure);
        }

        if (!Journals.TryGetValue(peer, out var entries))
        {
            return Task.FromException<JournalPage>(new PeerUnreachableException($"no connection to {peer}"));
        }

        var page = entries.Skip((int)(fromHeight - 1)).Take(maxEntries).Select(e => (ReadOnlyMemory<byte>)e).ToList();
        return Task.FromResult(new JournalPage(ServedHead ?? TestChain.HeadOf(entries), page));
    }
}
