namespace Mesh.Core.Remote.Guests;

/// <summary>How guests give way when the machine's owner needs it back (docs/isolation.md "Owner first").</summary>
public sealed class GuestPreemptionOptions
{
    /// <summary>What is done to the guests that no longer fit in the surplus. Default <see cref="GuestPreemptionMode.Suspend"/>.</summary>
    public GuestPreemptionMode Mode { get; set; } = GuestPreemptionMode.Suspend;

    /// <summary>How long a guest may stay suspended before it is evicted (Suspend mode, and Throttle's fallback). Default 30 s.</summary>
    public TimeSpan EvictAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the guests are checked against the surplus besides each surplus change. Default 1 s.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The least CPU quota a throttled guest gets, in cores (the kernel's own floor is 0.01). Default 0.05.</summary>
    public double MinThrottleCores { get; set; } = 0.05;

    /// <summary>Throws if a setting is out of range; the message names it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public void Validate()
    {
        if (!Enum.IsDefined(Mode))
        {
            throw new ArgumentOutOfRangeException(nameof(Mode), Mode, $"{nameof(GuestPreemptionOptions)}.{nameof(Mode)} is not a known mode.");
        }

        if (EvictAfter < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(EvictAfter), EvictAfter, $"{nameof(GuestPreemptionOptions)}.{nameof(EvictAfter)} must not be negative.");
        }

        if (CheckInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(CheckInterval), CheckInterval, $"{nameof(GuestPreemptionOptions)}.{nameof(CheckInterval)} must be more than zero.");
        }

        if (!double.IsFinite(MinThrottleCores) || MinThrottleCores < 0.01)
        {
            throw new ArgumentOutOfRangeException(nameof(MinThrottleCores), MinThrottleCores, $"{nameof(GuestPreemptionOptions)}.{nameof(MinThrottleCores)} must be at least 0.01.");
        }
    }
}
