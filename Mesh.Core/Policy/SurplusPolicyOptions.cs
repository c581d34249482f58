using Mesh.Core.Resources;

namespace Mesh.Core.Policy;

/// <summary>The surplus policy and its settings (<c>--policy</c>, <c>--headroom</c>, ...).</summary>
public sealed class SurplusPolicyOptions
{
    /// <summary>Which policy. Default <see cref="SurplusPolicyKind.Static"/>.</summary>
    public SurplusPolicyKind Kind { get; set; } = SurplusPolicyKind.Static;

    /// <summary>Kept on top of the owner's (smoothed or forecast) usage, so a small rise does not collide with mesh work. Default cpu=0.5, mem=512MiB.</summary>
    public ResourceVector Headroom { get; set; } = new(0.5, 512L << 20, 0, 0);

    /// <summary>Time constant of the smoothing while usage rises: short, so the owner gets cores back quickly. Default 10 s.</summary>
    public TimeSpan RiseSmoothing { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Time constant of the smoothing while usage falls: long, so a short lull does not hand cores out. Default 120 s.</summary>
    public TimeSpan FallSmoothing { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>
    /// How many standard deviations of the owner's recent usage are kept on top of its smoothed mean (the noise
    /// envelope), so ordinary fluctuation stays inside the reservation. Default 2.
    /// </summary>
    public double NoiseFactor { get; set; } = 2;

    /// <summary>A change of the reservation larger than this (any component) is published at once. Default cpu=0.5, mem=512MiB.</summary>
    public ResourceVector ChangeThreshold { get; set; } = new(0.5, 512L << 20, 0, 0);

    /// <summary>A smaller change is published only once it has persisted, in the same direction, this long. Default 60 s.</summary>
    public TimeSpan HoldTime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Predictive: how far ahead the forecast looks (the largest forecast in this window is reserved). Default 15 min.</summary>
    public TimeSpan ForecastHorizon { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Predictive: the width of a bucket of the daily profile; must divide a day. Default 15 min (96 buckets).</summary>
    public TimeSpan ProfileBucket { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Predictive: how fast the level follows each finished bucket (0..1). Default 0.1.</summary>
    public double LevelSmoothing { get; set; } = 0.1;

    /// <summary>Predictive: how fast a bucket of the daily profile follows a new day's observation (0..1). Default 0.3.</summary>
    public double ProfileSmoothing { get; set; } = 0.3;

    /// <summary>Predictive: the file the history is kept in (the node sets <c>DATA_DIR/usage-history.json</c>); null keeps it in memory only.</summary>
    public string? HistoryPath { get; set; }

    /// <summary>A copy of these settings.</summary>
    public SurplusPolicyOptions Clone() => (SurplusPolicyOptions)MemberwiseClone();

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the setting that is out of range.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Kind))
        {
            throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "unknown policy");
        }

        if (Headroom.Cpu < 0 || Headroom.Memory < 0 || Headroom.Disk < 0 || Headroom.Gpu < 0 || !double.IsFinite(Headroom.Cpu))
        {
            throw new ArgumentOutOfRangeException(nameof(Headroom), Headroom, "must not be negative");
        }

        if (ChangeThreshold.Cpu < 0 || ChangeThreshold.Memory < 0 || !double.IsFinite(ChangeThreshold.Cpu))
        {
            throw new ArgumentOutOfRangeException(nameof(ChangeThreshold), ChangeThreshold, "must not be negative");
        }

        if (NoiseFactor is < 0 or > 10 || double.IsNaN(NoiseFactor))
        {
            throw new ArgumentOutOfRangeException(nameof(NoiseFactor), NoiseFactor, "must be from 0 to 10");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(RiseSmoothing, TimeSpan.Zero, nameof(RiseSmoothing));
        ArgumentOutOfRangeException.ThrowIfLessThan(FallSmoothing, TimeSpan.Zero, nameof(FallSmoothing));
        ArgumentOutOfRangeException.ThrowIfLessThan(HoldTime, TimeSpan.Zero, nameof(HoldTime));
        ArgumentOutOfRangeException.ThrowIfLessThan(ForecastHorizon, TimeSpan.Zero, nameof(ForecastHorizon));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ForecastHorizon, TimeSpan.FromDays(1), nameof(ForecastHorizon));
        if (ProfileBucket < TimeSpan.FromMinutes(1) || TimeSpan.FromDays(1).Ticks % ProfileBucket.Ticks != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ProfileBucket), ProfileBucket, "must be at least a minute and divide a day");
        }

        if (LevelSmoothing is <= 0 or > 1 || double.IsNaN(LevelSmoothing))
        {
            throw new ArgumentOutOfRangeException(nameof(LevelSmoothing), LevelSmoothing, "must be in (0, 1]");
        }

        if (ProfileSmoothing is <= 0 or > 1 || double.IsNaN(ProfileSmoothing))
        {
            throw new ArgumentOutOfRangeException(nameof(ProfileSmoothing), ProfileSmoothing, "must be in (0, 1]");
        }
    }
}
