using Mesh.Core.Ledger;
using Mesh.Core.Remote;
using Mesh.Core.Resources;
using Mesh.Core.Tasks.Wire;
using Mesh.Libp2p.Identity;
using Microsoft.Extensions.Logging;

namespace Mesh.Core.Scheduling;

/// <summary>
/// The thief's side of work stealing: while this node has free slots and no queued work of its own, it asks a loaded
/// peer for work. The victim is the busier of two loaded peers drawn at random from the ledger (queue depth as the
/// peers report it), so idle nodes spread over loaded ones without any coordinator. The victim answers with what it
/// starts on this node; those runs arrive as ordinary run streams.
/// </summary>
public sealed partial class WorkStealer : IAsyncDisposable
{
    private readonly ITaskTransport _transport;
    private readonly Func<PeerTableSnapshot> _peers;
    private readonly PeerId _self;
    private readonly SlotPool _slots;
    private readonly Func<ResourceVector> _surplus;
    private readonly Func<bool> _hasOwnWork;
    private readonly WorkStealerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Dictionary<PeerId, DateTimeOffset> _leftAlone = [];
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;
    private long _stolen;

    /// <summary>Creates the stealer; nothing happens until <see cref="Start"/>.</summary>
    /// <param name="transport">Opens task streams.</param>
    /// <param name="peers">The ledger's peer table now.</param>
    /// <param name="self">This node.</param>
    /// <param name="slots">This node's slots (free slots make it a thief).</param>
    /// <param name="surplus">This node's surplus now.</param>
    /// <param name="hasOwnWork">True while this node's own queue has work its slots will take first.</param>
    /// <param name="options">Settings; validated here.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">Where to log.</param>
    public WorkStealer(
        ITaskTransport transport, Func<PeerTableSnapshot> peers, PeerId self, SlotPool slots, Func<ResourceVector> surplus, Func<bool> hasOwnWork,
        WorkStealerOptions options, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(peers);
        ArgumentNullException.ThrowIfNull(self);
        ArgumentNullException.ThrowIfNull(slots);
        ArgumentNullException.ThrowIfNull(surplus);
        ArgumentNullException.ThrowIfNull(hasOwnWork);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();
        _transport = transport;
        _peers = peers;
        _self = self;
        _slots = slots;
        _surplus = surplus;
        _hasOwnWork = hasOwnWork;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>Tasks victims have given this node so far.</summary>
    public long Stolen => Interlocked.Read(ref _stolen);

    /// <summary>Starts the loop.</summary>
    public void Start() => _loop = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);

    /// <summary>Stops the loop and waits for it.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stopping.Dispose();
    }

    /// <summary>One round: when this node is idle, asks one victim; returns how many tasks it gave.</summary>
    public async Task<int> StealOnceAsync(CancellationToken cancellationToken = default)
    {
        var free = _slots.Free;
        if (free == 0 || _hasOwnWork())
        {
            return 0;
        }

        var now = _time.GetUtcNow();
        foreach (var (peer, _) in _leftAlone.Where(p => p.Value <= now).ToList())
        {
            _leftAlone.Remove(peer);
        }

        if (ChooseVictim(now) is not { } victim)
        {
            return 0;
        }

        var room = (_surplus() - _slots.InUse).ClampToZero();
        room = room with { Cpu = Math.Min(room.Cpu, free) };
        var given = await AskAsync(victim, room, free, cancellationToken).ConfigureAwait(false);
        if (given == 0)
        {
            _leftAlone[victim] = now + _options.EmptyVictimBackoff;
        }

        Interlocked.Add(ref _stolen, given);
        return given;
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(_options.Interval, _time, cancellationToken).ConfigureAwait(false);
                try
                {
                    if (await StealOnceAsync(cancellationToken).ConfigureAwait(false) > 0)
                    {
                        await Task.Delay(_options.HoldAfterOffer, _time, cancellationToken).ConfigureAwait(false);
                    }
                }
#pragma warning disable CA1031 // A failed round (the ledger, a peer) must not end stealing; the next round retries.
                catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
                {
                    LogRoundFailed(_logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    // Power of two choices: the busier of two loaded peers drawn at random.
    private PeerId? ChooseVictim(DateTimeOffset now)
    {
        var loaded = _peers().Peers
            .Where(p => !p.IsSelf && p.Entry.Queued > 0 && !(_leftAlone.TryGetValue(p.Entry.Peer, out var until) && until > now))
            .ToList();
        if (loaded.Count == 0)
        {
            return null;
        }

        var first = loaded[Random.Shared.Next(loaded.Count)];
        var second = loaded[Random.Shared.Next(loaded.Count)];
        return (second.Entry.Queued > first.Entry.Queued ? second : first).Entry.Peer;
    }

    private async Task<int> AskAsync(PeerId victim, ResourceVector room, int maxTasks, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.OfferTimeout);
        try
        {
            var stream = await _transport.OpenAsync(victim.ToString(), deadline.Token).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                await TaskWireStream.WriteAsync(stream.Output, new StealRequestMessage(_self, room, maxTasks), cancellationToken: deadline.Token).ConfigureAwait(false);
                await stream.CloseWriteAsync(deadline.Token).ConfigureAwait(false);
                var answer = await TaskWireStream.ReadAsync(stream.Input, cancellationToken: deadline.Token).ConfigureAwait(false);
                var given = answer is StealOfferMessage offer ? offer.Items.Count : 0;
                LogAsked(_logger, victim.ToString(), given);
                return given;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogAskFailed(_logger, victim.ToString(), $"no offer within {_options.OfferTimeout}");
            return 0;
        }
        catch (Exception ex) when (ex is PeerUnreachableException or TaskProtocolException or IOException or Libp2p.Libp2pException or ArgumentException)
        {
            LogAskFailed(_logger, victim.ToString(), ex.Message);
            return 0;
        }
    }

    [LoggerMessage(EventId = 1670, Level = LogLevel.Debug, Message = "Asked {Victim} for work: it gave {Count} task(s)")]
    private static partial void LogAsked(ILogger logger, string victim, int count);

    [LoggerMessage(EventId = 1671, Level = LogLevel.Debug, Message = "Could not ask {Victim} for work: {Reason}")]
    private static partial void LogAskFailed(ILogger logger, string victim, string reason);

    [LoggerMessage(EventId = 1672, Level = LogLevel.Warning, Message = "A work-stealing round failed")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
