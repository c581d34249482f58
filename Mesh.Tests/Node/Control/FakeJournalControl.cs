using Mesh.Core.Control;

namespace Mesh.Tests.Node.Control;

/// <summary>An <see cref="IJournalControl"/> answering fixed views, recording its calls, failing when told.</summary>
internal sealed class FakeJournalControl : IJournalControl
{
    public JournalListView List { get; set; } = JournalSamples.List(3);

    public JournalVerifyView Verification { get; set; } = JournalSamples.Verified(3);

    /// <summary>When set, every call throws it.</summary>
    public Exception? Failure { get; set; }

    public List<(string? Peer, long From, int Limit)> ListCalls { get; } = [];

    public List<string?> VerifyCalls { get; } = [];

    public Task<JournalListView> ListJournalAsync(string? peer, long from, int limit, CancellationToken cancellationToken = default)
    {
        lock (ListCalls)
        {
            ListCalls.Add((peer, from, limit));
        }

        return Failure is null ? Task.FromResult(List) : Task.FromException<JournalListView>(Failure);
    }

    public Task<JournalVerifyView> VerifyJournalAsync(string? peer, CancellationToken cancellationToken = default)
    {
        lock (VerifyCalls)
        {
            VerifyCalls.Add(peer);
        }

        return Failure is null ? Task.FromResult(Verification) : Task.FromException<JournalVerifyView>(Failure);
    }
}
