using Mesh.Core.Resources;
using Mesh.Core.Tasks.Wire;

namespace Mesh.Core.Remote.Guests;

/// <content>
/// Owner first (docs/isolation.md): when the guests' requests no longer fit in the surplus, the most recently started
/// guests give way (throttled, suspended, or evicted) until the rest fit, and get their machine back oldest first.
/// </content>
public sealed partial class GuestTaskHost
{
    // Requests are compared with a little slack: surpluses are sums of measured floats.
    private const double CpuSlack = 1e-9;

    private readonly Lock _preemptLock = new();
    private readonly List<GuestAttempt> _guests = [];
    private long _nextOrder;
    private ResourceVector? _pushedSurplus;
    private Task? _preemption;

    /// <summary>The guest attempts suspended now for the machine's owner.</summary>
    public int Suspended
    {
        get
        {
            lock (_preemptLock)
            {
                return _guests.Count(g => g.State == GuestAttemptState.Suspended);
            }
        }
    }

    /// <summary>The guest attempts whose processes run now (or are being evicted), oldest first, with their state.</summary>
    public IReadOnlyList<GuestAttemptView> Guests
    {
        get
        {
            lock (_preemptLock)
            {
                return [.. _guests.Select(g => g.ToView())];
            }
        }
    }

    /// <summary>
    /// The node's surplus changed (the node calls this whenever its surplus monitor publishes): guests that no longer
    /// fit give way now, and guests that fit again get the machine back. From the first call on, this value (the
    /// latest given) is what guests are measured against, rather than the surplus function given at construction.
    /// </summary>
    /// <param name="surplus">What the node passes to the mesh now.</param>
    public void SurplusChanged(ResourceVector surplus)
    {
        lock (_preemptLock)
        {
            _pushedSurplus = surplus;
        }

        Rebalance();
    }

    /// <summary>Starts the periodic check (every <see cref="GuestPreemptionOptions.CheckInterval"/>); called under <see cref="_lock"/> by StartAsync.</summary>
    private void StartPreemptionLoop() => _preemption ??= PreemptionLoopAsync(_stopping.Token);

    private async Task PreemptionLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(_options.Preemption.CheckInterval, _time, cancellationToken).ConfigureAwait(false);
                Rebalance();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    /// <summary>Registers an attempt whose process is about to start; <see cref="RemoveGuest"/> ends it.</summary>
    private GuestAttempt AddGuest(RunRequestMessage request, string origin)
    {
        GuestAttempt guest;
        lock (_preemptLock)
        {
            guest = new GuestAttempt(request.Attempt, request.Task, origin, request.Spec.Resources, _nextOrder++, _time.GetUtcNow());
            _guests.Add(guest);
        }

        Rebalance();
        return guest;
    }

    private void RemoveGuest(GuestAttempt guest)
    {
        bool removed;
        lock (_preemptLock)
        {
            removed = _guests.Remove(guest);
        }

        if (removed)
        {
            // What it held may let a preempted guest run again.
            Rebalance();
        }
    }

    /// <summary>Measures the guests against the surplus and acts; raises LoadChanged when anything changed.</summary>
    private void Rebalance()
    {
        bool changed;
        try
        {
            lock (_preemptLock)
            {
                changed = RebalanceLocked();
            }
        }
#pragma warning disable CA1031 // A failed suspend or throttle must not stop the host; the next check tries again.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogPreemptionFailed(_logger, ex.Message);
            return;
        }

        if (changed)
        {
            LoadChanged?.Invoke(this, EventArgs.Empty);
        }
    }

    private bool RebalanceLocked()
    {
        if (_guests.Count == 0)
        {
            return false;
        }

        var surplus = _pushedSurplus ?? _surplus();
        var now = _time.GetUtcNow();
        var live = _guests.Where(g => !g.Evicted).ToList();
        var cpu = live.Sum(g => g.Request.Cpu);
        var memory = live.Sum(g => g.Request.Memory);
        var memoryShort = memory > surplus.Memory;

        // The newest give way first, until the rest fit.
        var cut = live.Count;
        while (cut > 0 && (cpu > surplus.Cpu + CpuSlack || memory > surplus.Memory))
        {
            cut--;
            cpu -= live[cut].Request.Cpu;
            memory -= live[cut].Request.Memory;
        }

        var changed = false;
        for (var i = 0; i < cut; i++)
        {
            changed |= Restore(live[i], now);
        }

        var outside = live.Count - cut;
        var share = outside == 0 ? 0 : Math.Max(_options.Preemption.MinThrottleCores, Math.Max(0, surplus.Cpu - cpu) / outside);
        for (var i = live.Count - 1; i >= cut; i--)
        {
            changed |= GiveWay(live[i], now, memoryShort, share);
        }

        return changed;
    }

    /// <summary>The guest fits again: thaw it, give its CPU quota back.</summary>
    private bool Restore(GuestAttempt guest, DateTimeOffset now)
    {
        guest.WantedOutSince = null;
        if (guest.State == GuestAttemptState.Running)
        {
            return false;
        }

        var attempt = guest.Attempt.ToString();
        if (guest.State == GuestAttemptState.Suspended)
        {
            _ = _executor.TryResume(attempt);
        }

        if (guest.ThrottledTo is not null)
        {
            _ = _executor.TryThrottle(attempt, null);
        }

        guest.State = GuestAttemptState.Running;
        guest.ThrottledTo = null;
        guest.Since = now;
        LogGuestRestored(_logger, guest.Task.ToString(), attempt, guest.Origin);
        return true;
    }

    /// <summary>The guest does not fit: throttle, suspend or evict it as the mode says.</summary>
    private bool GiveWay(GuestAttempt guest, DateTimeOffset now, bool memoryShort, double share)
    {
        guest.WantedOutSince ??= now;
        var attempt = guest.Attempt.ToString();
        var mode = _options.Preemption.Mode;
        if (mode == GuestPreemptionMode.Evict)
        {
            return Evict(guest, now, "evict mode");
        }

        // Throttling gives CPU back, not memory; without a cpu cgroup it cannot be done: suspend instead.
        if (mode == GuestPreemptionMode.Throttle && !memoryShort)
        {
            if (guest.State == GuestAttemptState.Throttled && guest.ThrottledTo is { } current && Math.Abs(current - share) < 0.005)
            {
                return false;
            }

            if (_executor.TryThrottle(attempt, share))
            {
                if (guest.State == GuestAttemptState.Suspended)
                {
                    _ = _executor.TryResume(attempt);
                }

                guest.State = GuestAttemptState.Throttled;
                guest.ThrottledTo = share;
                guest.Since = now;
                guest.WantedOutSince = null;
                LogGuestThrottled(_logger, guest.Task.ToString(), attempt, guest.Origin, share);
                return true;
            }
        }

        var changed = false;
        if (guest.State != GuestAttemptState.Suspended && _executor.TrySuspend(attempt))
        {
            guest.State = GuestAttemptState.Suspended;
            guest.Since = now;
            LogGuestSuspended(_logger, guest.Task.ToString(), attempt, guest.Origin);
            changed = true;
        }

        // Counted from when it first had to give way: a guest the executor cannot suspend is evicted then too.
        if (now - guest.WantedOutSince >= _options.Preemption.EvictAfter)
        {
            return Evict(guest, now, $"suspended for {_options.Preemption.EvictAfter}");
        }

        return changed;
    }

    private bool Evict(GuestAttempt guest, DateTimeOffset now, string why)
    {
        LogGuestEvicted(_logger, guest.Task.ToString(), guest.Attempt.ToString(), guest.Origin, why);
        guest.Evict(now);
        return true;
    }
}
