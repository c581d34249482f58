using Mesh.Libp2p.Addressing;
using Mesh.Libp2p.Host;
using Mesh.Libp2p.Identity;
using Mesh.Libp2p.Internal;
using Microsoft.Extensions.Logging;

namespace Mesh.Libp2p.Discovery;

/// <summary>
/// Dials discovered peers that are not connected, one attempt at a time per peer, at most
/// <see cref="MdnsOptions.MaxConcurrentDials"/> at once, and not again before a backoff that doubles with each failure.
/// A peer found while every dial slot is busy waits in a queue (bounded by <see cref="MdnsOptions.MaxTrackedPeers"/>)
/// and is dialed as soon as a slot frees: when many peers start together, the answers come in a burst, and dropping
/// the overflow would leave those peers unconnected until the next query round.
/// </summary>
internal sealed class MdnsDialer(ILibp2pHost host, MdnsOptions options, TimeProvider time, TaskTracker tasks, MdnsStatistics statistics, ILogger logger)
{
    private readonly Dictionary<PeerId, DialState> _peers = [];
    private readonly Dictionary<PeerId, IReadOnlyList<Multiaddr>> _waiting = [];
    private readonly Queue<PeerId> _waitingOrder = new();
    private readonly Lock _gate = new();
    private int _inFlight;

    /// <summary>How many discovered peers wait for a free dial slot.</summary>
    public int Waiting
    {
        get
        {
            lock (_gate)
            {
                return _waiting.Count;
            }
        }
    }

    /// <summary>
    /// Starts a dial of <paramref name="peer"/> unless it is connected, being dialed or backing off; true if one started.
    /// When every slot is busy the peer waits for one (its latest addresses kept) and false is returned.
    /// </summary>
    public bool TryDial(PeerId peer, IReadOnlyList<Multiaddr> addresses, CancellationToken cancellationToken)
    {
        if (addresses.Count == 0 || host.ConnectedPeers.Contains(peer))
        {
            return false;
        }

        var now = time.GetUtcNow();
        DialState state;
        lock (_gate)
        {
            if (!_peers.TryGetValue(peer, out state!))
            {
                ForgetOldestIfFull();
                state = new DialState();
                _peers[peer] = state;
            }

            if (state.InFlight || now < state.NextAttempt)
            {
                return false;
            }

            if (_inFlight >= options.MaxConcurrentDials)
            {
                Wait(peer, addresses);
                return false;
            }

            state.InFlight = true;
            state.LastUsed = now;
            _inFlight++;
        }

        var started = tasks.TryRun(() => DialAsync(peer, state, OrderForDialing(addresses), cancellationToken));
        if (!started)
        {
            // Discovery is stopping: no waiting peer is started either.
            Finish(state, succeeded: false);
            return false;
        }

        statistics.CountDial();
        return true;
    }

    /// <summary>
    /// Routable (LAN) addresses first, then IPv6 link-local ones (js may advertise them; without a zone they rarely dial),
    /// then loopback: a peer's loopback address only reaches it when it runs on this machine.
    /// </summary>
    internal static List<Multiaddr> OrderForDialing(IReadOnlyList<Multiaddr> addresses) =>
        [.. addresses.Where(a => a.TryGetTcpEndPoint(out _)).OrderBy(a => a.IsLoopback ? 2 : MdnsProtocol.IsIPv6LinkLocal(a) ? 1 : 0)];

    private async Task DialAsync(PeerId peer, DialState state, List<Multiaddr> addresses, CancellationToken cancellationToken)
    {
        var succeeded = false;
        try
        {
            foreach (var address in addresses)
            {
                cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    MdnsLog.Dialing(logger, peer, address);
                    await host.DialAsync(address, cancellationToken).ConfigureAwait(false);
                    succeeded = true;
                    return;
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    MdnsLog.DialFailed(logger, peer, address, ex.Message);
                }
            }
        }
        finally
        {
            if (!succeeded)
            {
                statistics.CountDialFailure();
            }

            Finish(state, succeeded);
            if (!cancellationToken.IsCancellationRequested)
            {
                DialNextWaiting(cancellationToken);
            }
        }
    }

    /// <summary>Queues <paramref name="peer"/> for a free slot (caller holds the lock); a full queue drops the newcomer.</summary>
    private void Wait(PeerId peer, IReadOnlyList<Multiaddr> addresses)
    {
        if (_waiting.ContainsKey(peer))
        {
            _waiting[peer] = addresses;
        }
        else if (_waiting.Count < options.MaxTrackedPeers)
        {
            _waiting[peer] = addresses;
            _waitingOrder.Enqueue(peer);
        }
    }

    /// <summary>Starts waiting peers, oldest first, while slots are free (connected ones are skipped).</summary>
    private void DialNextWaiting(CancellationToken cancellationToken)
    {
        while (true)
        {
            PeerId peer;
            IReadOnlyList<Multiaddr> addresses;
            lock (_gate)
            {
                if (_inFlight >= options.MaxConcurrentDials || !_waitingOrder.TryDequeue(out peer!))
                {
                    return;
                }

                _waiting.Remove(peer, out addresses!);
            }

            // TryDial skips a peer that got connected meanwhile (say, it dialed us) or whose dial is already running.
            TryDial(peer, addresses, cancellationToken);
        }
    }

    private void Finish(DialState state, bool succeeded)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            state.Failures = succeeded ? 0 : Math.Min(state.Failures + 1, 16);

            // Even after a success the peer waits one backoff, so a peer that connects and drops at once is not redialed in a loop.
            var backoff = options.DialBackoff * Math.Pow(2, Math.Max(0, state.Failures - 1));
            state.NextAttempt = now + (backoff < options.MaxDialBackoff ? backoff : options.MaxDialBackoff);
            state.InFlight = false;
            _inFlight--;
        }
    }

    private void ForgetOldestIfFull()
    {
        if (_peers.Count < options.MaxTrackedPeers)
        {
            return;
        }

        var oldest = _peers.Where(p => !p.Value.InFlight).OrderBy(p => p.Value.LastUsed).Select(p => p.Key).FirstOrDefault();
        if (oldest is not null)
        {
            _peers.Remove(oldest);
        }
    }

    private sealed class DialState
    {
        public bool InFlight { get; set; }

        public int Failures { get; set; }

        public DateTimeOffset NextAttempt { get; set; }

        public DateTimeOffset LastUsed { get; set; }
    }
}
