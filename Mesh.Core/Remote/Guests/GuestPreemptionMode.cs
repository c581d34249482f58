namespace Mesh.Core.Remote.Guests;

/// <summary>How guests give way when the machine's owner needs it back (docs/isolation.md "Owner first").</summary>
public enum GuestPreemptionMode
{
    /// <summary>
    /// Lower the CPU quota of the guests that do not fit so they share what is left. Where that cannot help (memory is
    /// short, or this machine has no cpu cgroup) they are suspended instead, as in <see cref="Suspend"/>.
    /// </summary>
    Throttle = 0,

    /// <summary>Freeze the guests that do not fit; evict those still frozen after <see cref="GuestPreemptionOptions.EvictAfter"/>.</summary>
    Suspend = 1,

    /// <summary>Evict the guests that do not fit at once (their origins run them again elsewhere, no retry spent).</summary>
    Evict = 2,
}
