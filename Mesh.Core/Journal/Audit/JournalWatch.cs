using System.Threading.Channels;
using Mesh.Core.Ledger;
using Mesh.Libp2p.Identity;
using Microsoft.Extensions.Logging;

namespace Mesh.Core.Journal.Audit;

/// <summary>
/// Follows the journal heads other peers announce in their ledger entries (docs/protocol.md, "Journal", head watch):
/// the first head of a peer is taken as verified; the same head again changes nothing; another hash at the same height,
/// or a lower height, is a fork; a higher height is audited in the background: the entries from the verified head to
/// the new one are fetched and checked (<see cref="JournalVerifier"/>), and must extend the verified head and end at
/// the announced one. A fork is sticky until this node restarts and is logged once per peer. Audits run at most one
/// at a time per peer, at most every <see cref="JournalWatchOptions.AuditInterval"/> per peer, and at most
/// <see cref="JournalWatchOptions.MaxConcurrentAudits"/> at once; they and the scheduling loop are owned by the watch
/// and awaited on dispose.
/// </summary>
public sealed partial class JournalWatch : IJournalWatch, IAsyncDisposable
{
    private readonly IJournalFetcher _fetcher;
    private readonly JournalWatchOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<PeerId, PeerRecord> _peers = [];
    private readonly HashSet<Task> _audits = [];
    private readonly CancellationTokenSource _stopping = new();

    // Capacity 1, dropping further writes: any number of reasons to look again make one pass of the scheduler.
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private Task? _loop;
    private int _disposed;

    /// <summary>Creates the watch; call <see cref="Start"/> to let it audit.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public JournalWatch(IJournalFetcher fetcher, JournalWatchOptions? options, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(fetcher);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options ?? new JournalWatchOptions();
        _options.Validate();
        _fetcher = fetcher;
        _time = time;
        _logger = logger;
        LoadState();
    }

    /// <summary>Starts the loop that runs the audits.</summary>
    /// <exception cref="InvalidOperationException">Already started.</exception>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        lock (_gate)
        {
            if (_loop is not null)
            {
                throw new InvalidOperationException("The journal watch is already started.");
            }

            var stop = _stopping.Token;
            _loop = Task.Run(() => RunAsync(stop), CancellationToken.None);
        }
    }

    /// <inheritdoc />
    public JournalPeerState StateOf(PeerId peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        lock (_gate)
        {
            return _peers.TryGetValue(peer, out var record) ? record.ToState() : JournalPeerState.Unknown;
        }
    }

    /// <summary>Takes the journal head of an accepted ledger entry of another peer; an entry without one is ignored.</summary>
    public void Observe(LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Journal is { } journal)
        {
            Observe(entry.Peer, journal.Head);
        }
    }

    /// <summary>Takes a head <paramref name="peer"/> announced (docs/protocol.md, "Journal", head watch).</summary>
    public void Observe(PeerId peer, JournalHead head)
    {
        ArgumentNullException.ThrowIfNull(peer);
        ArgumentNullException.ThrowIfNull(head);
        string? fork = null;
        var audit = false;
        lock (_gate)
        {
            if (!_peers.TryGetValue(peer, out var record))
            {
                if (_peers.Count >= _options.MaxPeers)
                {
                    return;
                }

                // The first head seen is trusted as is: the watch detects rewrites from here on, not before.
                _peers[peer] = new PeerRecord(head);
                StateChanged();
                audit = _options.StatePath is not null;
            }
            else if (record.Status == JournalPeerStatus.Forked)
            {
                return;
            }
            else
            {
                // Both the verified head and the newest announced one were signed by the peer (ledger entries are): a
                // head that contradicts either is proof enough.
                fork = Contradiction(record.Verified, head) ?? (record.Pending is { } pending ? Contradiction(pending, head) : null);
                if (fork is not null)
                {
                    record.Fork(fork);
                }
                else if (head.Height > (record.Pending ?? record.Verified).Height)
                {
                    record.Pending = head;
                    audit = true;
                }
            }
        }

        if (fork is not null)
        {
            LogForked(_logger, peer, fork);
        }
        else if (audit)
        {
            // An audit to run, or a new head to save: the loop does both.
            _wake.Writer.TryWrite(true);
        }
    }

    /// <summary>Stops the loop and the audits and waits for them.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        Task? loop;
        lock (_gate)
        {
            loop = _loop;
        }

        if (loop is not null)
        {
            await loop.ConfigureAwait(false);
        }

        Task[] audits;
        lock (_gate)
        {
            audits = [.. _audits];
        }

        await Task.WhenAll(audits).ConfigureAwait(false);
        SaveStateIfChanged();
        _stopping.Dispose();
    }

    /// <summary>Why <paramref name="next"/> cannot follow <paramref name="earlier"/>, or null when it can.</summary>
    private static string? Contradiction(JournalHead earlier, JournalHead next)
    {
        if (next.Height < earlier.Height)
        {
            return $"the journal height went back from {earlier.Height} to {next.Height}";
        }

        return next.Height == earlier.Height && !next.SameAs(earlier)
            ? $"the journal head at height {next.Height} changed from {Short(earlier)} to {Short(next)}"
            : null;
    }

    private static string Short(JournalHead head) => head.HashHex[..Math.Min(12, head.HashHex.Length)];
}
