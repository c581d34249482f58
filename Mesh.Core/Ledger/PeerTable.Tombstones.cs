using Mesh.Libp2p.Identity;

namespace Mesh.Core.Ledger;

public sealed partial class PeerTable
{
    /// <summary>
    /// Remembers the newest version of an expired peer. Without it, a replay of that peer's last entry would be
    /// accepted as new after expiry; the IssuedAt check alone refuses such replays only once they are older than
    /// <see cref="LedgerOptions.ExpireAfter"/> + <see cref="LedgerOptions.MaxClockSkew"/>, so that is how long
    /// the tombstone is kept. Caller holds the lock.
    /// </summary>
    private void Remember(LedgerEntry entry)
    {
        if (_expired.Count >= _options.MaxPeers)
        {
            // Bounded like the table: forget the oldest tombstone, the first to become unnecessary anyway.
            var oldest = _expired.MinBy(t => t.Value.IssuedAt).Key;
            _expired.Remove(oldest);
        }

        _expired[entry.Peer] = new Tombstone(entry.Version, entry.IssuedAt);
    }

    /// <summary>Drops tombstones whose entries the IssuedAt check refuses by now. Caller holds the lock.</summary>
    private void ForgetTombstones(DateTimeOffset now)
    {
        var horizon = now - _options.ExpireAfter - _options.MaxClockSkew;
        List<PeerId>? done = null;
        foreach (var (peer, tombstone) in _expired)
        {
            if (tombstone.IssuedAt < horizon)
            {
                (done ??= []).Add(peer);
            }
        }

        foreach (var peer in done ?? [])
        {
            _expired.Remove(peer);
        }
    }

    private readonly record struct Tombstone(ulong Version, DateTimeOffset IssuedAt);
}
