namespace Mesh.Core.Scheduling;

/// <summary>Settings of <see cref="WorkStealer"/>.</summary>
public sealed class WorkStealerOptions
{
    /// <summary>How often an idle node looks for work to steal. Default 250 ms.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>After a steal that got work, how long to wait for its runs to arrive before asking again. Default 1 s.</summary>
    public TimeSpan HoldAfterOffer { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a victim that had nothing to give is left alone. Default 2 s.</summary>
    public TimeSpan EmptyVictimBackoff { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long to wait for a victim's offer. Default 5 s.</summary>
    public TimeSpan OfferTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Throws when a setting is out of range; the message names it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An interval is not positive.</exception>
    public void Validate()
    {
        foreach (var (value, name) in new[]
        {
            (Interval, nameof(Interval)), (HoldAfterOffer, nameof(HoldAfterOffer)), (EmptyVictimBackoff, nameof(EmptyVictimBackoff)),
            (OfferTimeout, nameof(OfferTimeout)),
        })
        {
            if (value <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive");
            }
        }
    }
}
