using System.Threading.Channels;
using Mesh.Core.Control;
using Mesh.Core.Network;
using Mesh.Libp2p.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mesh.Core.Ledger;

/// <summary>
/// The surplus ledger of one node (docs/protocol.md, "Ledger"): publishes this node's signed entry on the ledger
/// topic when it changes and at least every <see cref="LedgerOptions.PublishInterval"/>, feeds received entries
/// through <see cref="LedgerReceiver"/> into <see cref="Table"/>, and expires silent peers. This node's own row is
/// in the table from construction on. Its three loops are owned and awaited on dispose.
/// </summary>
public sealed partial class LedgerService : IAsyncDisposable
{
    private readonly IMeshPubSub _pubSub;
    private readonly IdentityKey _identity;
    private readonly LedgerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly LedgerVersionClock _versions;
    private readonly LedgerReceiver _receiver;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stopping = new();

    // Capacity 1, dropping further writes: any number of changes before the publisher wakes make one publication.
    private readonly Channel<bool> _changed = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private LocalLedgerState _local;
    private IMeshSubscription? _subscription;
    private Task[] _loops = [];
    private int _started;
    private int _disposed;

    /// <summary>Creates the service with this node's current state; its row is in <see cref="Table"/> at once.</summary>
    /// <exception cref="ArgumentException">An option is out of range, or <paramref name="initial"/> breaks an entry limit (the message says which).</exception>
    public LedgerService(IMeshPubSub pubSub, IdentityKey identity, LocalLedgerState initial, LedgerOptions? options = null, TimeProvider? time = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(pubSub);
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(initial);
        _options = options ?? new LedgerOptions();
        _options.Validate();
        _pubSub = pubSub;
        _identity = identity;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _versions = new LedgerVersionClock(_time);
        Table = new PeerTable(identity.PeerId, _options, _time);
        _receiver = new LedgerReceiver(Table, _options, Statistics, _time);
        _local = initial;
        Table.SetLocal(IssueEntry(initial));
    }

    /// <summary>The peer table, this node's row included.</summary>
    public PeerTable Table { get; }

    /// <summary>Counters of entries published, accepted and rejected by reason.</summary>
    public LedgerStatistics Statistics { get; } = new();

    /// <summary>This node's current state, as last given.</summary>
    public LocalLedgerState LocalState
    {
        get
        {
            lock (_gate)
            {
                return _local;
            }
        }
    }

    /// <summary>Subscribes to the ledger topic, publishes this node's entry and starts the loops.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        cancellationToken.ThrowIfCancellationRequested();
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("The ledger service is already started.");
        }

        _subscription = _pubSub.Subscribe(_options.Topic);
        _pubSub.PeerSubscribed += OnPeerSubscribed;
        var stop = _stopping.Token;
        _loops =
        [
            Task.Run(() => RunReceiverAsync(_subscription, stop), CancellationToken.None),
            Task.Run(() => RunPublisherAsync(stop), CancellationToken.None),
            Task.Run(() => RunExpiryAsync(stop), CancellationToken.None),
        ];
        LogStarted(_logger, _options.Topic, _identity.PeerId);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Sets this node's state: its row changes at once, and when the state differs from the last one the entry is
    /// published without waiting for the next interval.
    /// </summary>
    /// <returns>True when the state changed.</returns>
    /// <exception cref="ArgumentException"><paramref name="state"/> breaks an entry limit (the message says which).</exception>
    public bool UpdateLocal(LocalLedgerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        lock (_gate)
        {
            if (state.Equals(_local))
            {
                return false;
            }

            var entry = IssueEntry(state);
            _local = state;
            Table.SetLocal(entry);
        }

        _changed.Writer.TryWrite(true);
        return true;
    }

    /// <summary>The control API's view of the table (<c>GET /v1/peers</c>).</summary>
    public PeersView GetPeersView() => LedgerViews.ToPeersView(Table.Snapshot());

    /// <summary>Stops the loops, waits for them and leaves the topic.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _pubSub.PeerSubscribed -= OnPeerSubscribed;
        await _stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_loops).ConfigureAwait(false);
        if (_subscription is not null)
        {
            await _subscription.DisposeAsync().ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    /// <summary>
    /// A newcomer on the ledger topic hears this node's entry now rather than at the next interval, so a peer table
    /// fills within a round trip of the connection. Many newcomers at once coalesce into one publication.
    /// </summary>
    private void OnPeerSubscribed(object? sender, MeshTopicPeerEventArgs e)
    {
        if (string.Equals(e.Topic, _options.Topic, StringComparison.Ordinal))
        {
            _changed.Writer.TryWrite(true);
        }
    }

    /// <summary>A new entry of <paramref name="state"/> with the next version; throws if it breaks a limit.</summary>
    private LedgerEntry IssueEntry(LocalLedgerState state)
    {
        var (version, issuedAt) = _versions.Next();
        var entry = state.ToEntry(_identity.PeerId, version, issuedAt) with { Journal = _journal };
        if (LedgerEntryRules.Check(entry, _options.Limits) is { } broken)
        {
            throw new ArgumentException($"The local ledger state is invalid: {broken.Reason}.", nameof(state));
        }

        return entry;
    }
}
