using Mesh.Core.Resources;

namespace Mesh.Core.Scheduling;

/// <summary>Slots held in a <see cref="SlotPool"/> by one running task; disposing gives them back (once, however often it is called).</summary>
public sealed class SlotReservation : IDisposable
{
    private readonly SlotPool _pool;
    private int _released;

    internal SlotReservation(SlotPool pool, int slots, ResourceVector request)
    {
        _pool = pool;
        Slots = slots;
        Request = request;
    }

    /// <summary>The slots held.</summary>
    public int Slots { get; }

    /// <summary>What the task asked for.</summary>
    public ResourceVector Request { get; }

    /// <summary>Gives the slots back.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            _pool.Release(this);
        }
    }
}
