using Mesh.Libp2p.Identity;

namespace Mesh.Core.Journal;

/// <summary>Fetches entries of another peer's journal over <c>/mesh/journal/1.0.0</c> (docs/protocol.md, "Journal").</summary>
public interface IJournalFetcher
{
    /// <summary>
    /// Asks <paramref name="peer"/> for its entries from <paramref name="fromHeight"/> on (at most
    /// <paramref name="maxEntries"/>). Throws <see cref="Remote.PeerUnreachableException"/> when the peer cannot be
    /// reached and <see cref="JournalProtocolException"/> when its answer is malformed.
    /// </summary>
    Task<JournalPage> FetchAsync(PeerId peer, long fromHeight, int maxEntries, CancellationToken cancellationToken = default);
}
