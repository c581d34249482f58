using Mesh.Core.Journal;
using Mesh.Libp2p.Identity;

namespace Mesh.Tests.Core.Journal.Audit;

/// <summary>Serves a chain of entries as a peer would over <c>/mesh/journal/1.0.0</c>, or fails as told.</summary>
internal sealed class FakeJournalFetcher : IJournalFetcher
{
    private int _calls;

    /// <summary>The chain served (exact entry bytes, height 1 first).</summary>
    public List<byte[]> Entries { get; set; } = [];

    /// <summary>Thrown by the next fetches while set.</summary>
    public Exception? Failure { get; set; }

    /// <summary>When set, fetches wait for it (or for cancellation) before answering.</summary>
    public TaskCompletionSource? Gate { get; set; }

    public bool SawCancellation { get; private set; }

    /// <summary>When set, the fetch with this 1-based call number fails once as unreachable.</summary>
    public int FailCall { get; set; }

    public int Calls => Volatile.Read(ref _calls);

    public async Task<JournalPage> FetchAsync(PeerId peer, long fromHeight, int maxEntries, CancellationToken cancellationToken = default)
    {
        var call = Interlocked.Increment(ref _calls);
        if (call == FailCall)
        {
            throw new Mesh.Core.Remote.PeerUnreachableException("dropped mid-audit");
        }

        if (Gate is { } gate)
        {
            try
            {
                await gate.Task.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                SawCancellation = true;
                throw;
            }
        }

        if (Failure is { } failure)
        {
            throw failure;
        }

        var entries = Entries;
        var head = entries.Count == 0 ? JournalHead.Genesis : new JournalHead(entries.Count, JournalEntryCodec.Hash(entries[^1]));
        var page = entries.Skip((int)(fromHeight - 1)).Take(maxEntries).Select(e => (ReadOnlyMemory<byte>)e).ToList();
        return new JournalPage(head, page);
    }
}
