namespace Mesh.Core.Remote.Guests;

/// <summary>Where a running guest attempt stands with respect to the machine's owner.</summary>
public enum GuestAttemptState
{
    /// <summary>Running as asked.</summary>
    Running = 0,

    /// <summary>Running under a lowered CPU quota.</summary>
    Throttled = 1,

    /// <summary>Suspended (frozen or stopped); it keeps its lease and its slots.</summary>
    Suspended = 2,

    /// <summary>Being killed to give the machine back; its origin gets a RunResult with reason Evicted.</summary>
    Evicting = 3,
}
