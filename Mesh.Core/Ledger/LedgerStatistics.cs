namespace Mesh.Core.Ledger;

/// <summary>Counters of the ledger, updated atomically; read them at any time.</summary>
public sealed class LedgerStatistics
{
    private readonly long[] _received = new long[Enum.GetValues<LedgerReceiveResult>().Length];
    private long _published;
    private long _publishFailures;
    private long _peersExpired;

    /// <summary>Entries received with outcome <paramref name="result"/>.</summary>
    public long Count(LedgerReceiveResult result) => Volatile.Read(ref _received[(int)result]);

    /// <summary>Entries accepted into the table.</summary>
    public long Accepted => Count(LedgerReceiveResult.Accepted);

    /// <summary>Entries received and not accepted, for any reason.</summary>
    public long Rejected => _received.Select((_, i) => i).Where(i => i != (int)LedgerReceiveResult.Accepted).Sum(i => Volatile.Read(ref _received[i]));

    /// <summary>Forged entries: a bad signature or an entry whose peer is not its gossip author.</summary>
    public long Forged => Count(LedgerReceiveResult.BadSignature) + Count(LedgerReceiveResult.AuthorMismatch);

    /// <summary>Entries this node published.</summary>
    public long Published => Volatile.Read(ref _published);

    /// <summary>Publications that failed (the router refused or was stopping).</summary>
    public long PublishFailures => Volatile.Read(ref _publishFailures);

    /// <summary>Peers removed from the table because they fell silent.</summary>
    public long PeersExpired => Volatile.Read(ref _peersExpired);

    internal void Received(LedgerReceiveResult result) => Interlocked.Increment(ref _received[(int)result]);

    internal void EntryPublished() => Interlocked.Increment(ref _published);

    internal void PublishFailed() => Interlocked.Increment(ref _publishFailures);

    internal void PeerExpired() => Interlocked.Increment(ref _peersExpired);
}
