using Mesh.Core.Control;
using Mesh.Core.Resources;
using Mesh.Libp2p.Identity;

namespace Mesh.Core.Ledger;

/// <summary>
/// The newest entry of every peer this node hears from, its own included, and the virtual-layer totals. Peers
/// silent for <see cref="LedgerOptions.ExpireAfter"/> leave the table. Bounded: at most
/// <see cref="LedgerOptions.MaxPeers"/> other peers. Thread-safe; readers take immutable snapshots and can poll
/// <see cref="ChangeCount"/> to learn that something changed.
/// </summary>
public sealed partial class PeerTable
{
    private readonly Lock _gate = new();
    private readonly LedgerOptions _options;
    private readonly TimeProvider _time;
    private readonly Dictionary<PeerId, Row> _rows = [];
    private readonly Dictionary<PeerId, Tombstone> _expired = [];
    private Row? _self;
    private long _changes;

    /// <summary>Creates an empty table for the node <paramref name="self"/>.</summary>
    /// <exception cref="ArgumentException">An option is out of range (the message names it).</exception>
    public PeerTable(PeerId self, LedgerOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(self);
        options.Validate();
        Self = self;
        _options = options;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>This node's peer id.</summary>
    public PeerId Self { get; }

    /// <summary>Increases whenever a row is added, replaced or removed: poll it to redraw only on change.</summary>
    public long ChangeCount => Interlocked.Read(ref _changes);

    /// <summary>Rows in the table, this node's included.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _rows.Count + (_self is null ? 0 : 1);
            }
        }
    }

    /// <summary>Sets this node's own row (it never expires).</summary>
    /// <exception cref="ArgumentException">The entry is another peer's.</exception>
    public void SetLocal(LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Peer != Self)
        {
            throw new ArgumentException($"The local entry must be {Self}'s, not {entry.Peer}'s.", nameof(entry));
        }

        lock (_gate)
        {
            _self = new Row(entry, _time.GetUtcNow());
            _changes++;
        }
    }

    /// <summary>
    /// Stores a validated entry of another peer if it is newer than what the table knows of that peer, also after
    /// the peer expired (so a replayed entry cannot bring it back).
    /// </summary>
    /// <returns><see cref="LedgerReceiveResult.Accepted"/>, <see cref="LedgerReceiveResult.Stale"/>, <see cref="LedgerReceiveResult.TableFull"/> or <see cref="LedgerReceiveResult.OwnEntry"/>.</returns>
    public LedgerReceiveResult Apply(LedgerEntry entry, out bool isNewPeer)
    {
        ArgumentNullException.ThrowIfNull(entry);
        isNewPeer = false;
        if (entry.Peer == Self)
        {
            return LedgerReceiveResult.OwnEntry;
        }

        lock (_gate)
        {
            if (_rows.TryGetValue(entry.Peer, out var row))
            {
                if (entry.Version <= row.Entry.Version)
                {
                    return LedgerReceiveResult.Stale;
                }
            }
            else
            {
                if (_expired.TryGetValue(entry.Peer, out var tombstone) && entry.Version <= tombstone.Version)
                {
                    return LedgerReceiveResult.Stale;
                }

                if (_rows.Count >= _options.MaxPeers)
                {
                    return LedgerReceiveResult.TableFull;
                }

                _expired.Remove(entry.Peer);
                isNewPeer = true;
            }

            _rows[entry.Peer] = new Row(entry, _time.GetUtcNow());
            _changes++;
            return LedgerReceiveResult.Accepted;
        }
    }

    /// <summary>Removes the peers not heard from for <see cref="LedgerOptions.ExpireAfter"/>; returns them.</summary>
    public IReadOnlyList<LedgerEntry> ExpireSilent()
    {
        var now = _time.GetUtcNow();
        var removed = new List<LedgerEntry>();
        lock (_gate)
        {
            foreach (var row in _rows.Values)
            {
                if (now - row.LastSeen >= _options.ExpireAfter)
                {
                    removed.Add(row.Entry);
                }
            }

            foreach (var entry in removed)
            {
                _rows.Remove(entry.Peer);
                Remember(entry);
            }

            ForgetTombstones(now);
            if (removed.Count > 0)
            {
                _changes++;
            }
        }

        return removed;
    }

    /// <summary>An immutable copy of the table: ranked rows and the layer totals.</summary>
    public PeerTableSnapshot Snapshot()
    {
        Row[] remote;
        Row? self;
        long changes;
        lock (_gate)
        {
            remote = [.. _rows.Values];
            self = _self;
            changes = _changes;
        }

        var rows = self is null ? remote : [self, .. remote];
        var measured = rows.Where(r => r.Entry.Score > 0).Select(r => r.Entry.Score).ToArray();
        var peers = rows
            .Select(r => new LedgerPeer(r.Entry, r.LastSeen, RankOf(r.Entry.Score, measured), ReferenceEquals(r, self)))
            .OrderBy(p => p.Rank)
            .ThenBy(p => p.Entry.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Entry.Peer.ToString(), StringComparer.Ordinal)
            .ToArray();
        var totals = new LayerTotals(
            Sum(rows, r => r.Entry.Capacity),
            Sum(rows, r => r.Entry.Surplus),
            Sum(rows, r => r.Entry.InUse));
        return new PeerTableSnapshot(Self, peers, totals, changes, _time.GetUtcNow());
    }

    /// <summary>Competition ranking ("1224"): one plus the number of strictly faster peers; unmeasured peers after all measured ones.</summary>
    private static int RankOf(double score, double[] measured) =>
        score > 0 ? 1 + measured.Count(s => s > score) : measured.Length + 1;

    private static ResourceVector Sum(IEnumerable<Row> rows, Func<Row, ResourceVector> select) =>
        rows.Aggregate(ResourceVector.Zero, (total, row) => total + select(row));

    private sealed record Row(LedgerEntry Entry, DateTimeOffset LastSeen);
}
