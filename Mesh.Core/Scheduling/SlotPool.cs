using Mesh.Core.Resources;

namespace Mesh.Core.Scheduling;

/// <summary>
/// The node's task slots, shared by the tasks it runs for itself and for guests: <c>floor(surplus cpu)</c> slots, at
/// least 1 and at most a configured bound; a task holds <c>ceil(cpu request)</c> of them (at least 1, at most all).
/// Also sums what the holders asked for, for the ledger. Thread-safe.
/// </summary>
public sealed class SlotPool
{
    private readonly Func<double> _surplusCpu;
    private readonly int _maxSlots;
    private readonly Lock _lock = new();
    private int _used;
    private int _holders;
    private ResourceVector _inUse;

    /// <summary>Creates the pool.</summary>
    /// <param name="surplusCpu">The cores this node passes to the layer now (read at each <see cref="TryTake"/>).</param>
    /// <param name="maxSlots">The most slots, whatever the surplus says (at least 1).</param>
    public SlotPool(Func<double> surplusCpu, int maxSlots)
    {
        ArgumentNullException.ThrowIfNull(surplusCpu);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSlots, 1);
        _surplusCpu = surplusCpu;
        _maxSlots = maxSlots;
    }

    /// <summary>Raised (outside the lock) whenever slots are given back, so a waiting scheduler can look again.</summary>
    public event EventHandler? Released;

    /// <summary>The slots the node has now.</summary>
    public int Total
    {
        get
        {
            var cpu = _surplusCpu();
            var slots = double.IsFinite(cpu) ? (int)Math.Min(Math.Floor(cpu), _maxSlots) : 1;
            return Math.Clamp(slots, 1, _maxSlots);
        }
    }

    /// <summary>The slots held now.</summary>
    public int Used
    {
        get
        {
            lock (_lock)
            {
                return _used;
            }
        }
    }

    /// <summary>The slots free now (never negative: the surplus may have shrunk under running tasks).</summary>
    public int Free => Math.Max(0, Total - Used);

    /// <summary>How many reservations are held (tasks running here, for this node or for guests).</summary>
    public int Holders
    {
        get
        {
            lock (_lock)
            {
                return _holders;
            }
        }
    }

    /// <summary>The sum of the holders' requests.</summary>
    public ResourceVector InUse
    {
        get
        {
            lock (_lock)
            {
                return _inUse;
            }
        }
    }

    /// <summary>The slots a task asking for <paramref name="cpu"/> cores holds, given <paramref name="total"/> slots.</summary>
    public static int SlotsFor(double cpu, int total) =>
        Math.Clamp(double.IsFinite(cpu) ? (int)Math.Ceiling(cpu) : 1, 1, Math.Max(1, total));

    /// <summary>Takes the slots for <paramref name="request"/> when they are free; null when they are not.</summary>
    /// <returns>The reservation; dispose it (once or more) to give the slots back.</returns>
    public SlotReservation? TryTake(ResourceVector request)
    {
        var total = Total;
        var slots = SlotsFor(request.Cpu, total);
        lock (_lock)
        {
            if (_used + slots > total)
            {
                return null;
            }

            _used += slots;
            _holders++;
            _inUse += request;
        }

        return new SlotReservation(this, slots, request);
    }

    internal void Release(SlotReservation reservation)
    {
        lock (_lock)
        {
            _used -= reservation.Slots;
            _holders--;
            _inUse = (_inUse - reservation.Request).ClampToZero();
        }

        Released?.Invoke(this, EventArgs.Empty);
    }
}
