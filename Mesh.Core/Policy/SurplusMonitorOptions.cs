using Mesh.Core.Resources;

namespace Mesh.Core.Policy;

/// <summary>What the <see cref="SurplusMonitor"/> measures, how often, and how it decides.</summary>
public sealed class SurplusMonitorOptions
{
    /// <summary>How often the owner's usage is read and the policy evaluated. Default 2 s.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the capacity is detected again (hot-plugged memory, a resized cgroup, a new GPU). Default 5 min.</summary>
    public TimeSpan CapacityRefresh { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary><c>--capacity</c>: the keys given replace what was detected.</summary>
    public ResourceSpec CapacityOverride { get; set; } = ResourceSpec.Empty;

    /// <summary><c>--reserve</c> and <c>--share</c>: what the owner keeps at least.</summary>
    public Earmark Earmark { get; set; } = Earmark.None;

    /// <summary>The surplus policy and its settings (used by <see cref="SurplusMonitor.Create"/>).</summary>
    public SurplusPolicyOptions Policy { get; set; } = new();

    /// <summary>
    /// The data directory (used by <see cref="SurplusMonitor.Create"/>): its filesystem is the disk capacity, and it holds
    /// <c>score.json</c> and the predictive <c>usage-history.json</c>. Default: the current directory.
    /// </summary>
    public string DataDir { get; set; } = ".";

    /// <summary>Whether to obtain the performance score at start (from the cache or by measuring). Default true.</summary>
    public bool MeasureScore { get; set; } = true;

    /// <summary>Measure the score at start even when the cache is valid. Default false.</summary>
    public bool RerunBenchmark { get; set; }

    /// <summary>Throws <see cref="ArgumentException"/> or <see cref="ArgumentOutOfRangeException"/> naming the setting.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Interval, TimeSpan.FromMilliseconds(100), nameof(Interval));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Interval, TimeSpan.FromHours(1), nameof(Interval));
        ArgumentOutOfRangeException.ThrowIfLessThan(CapacityRefresh, Interval, nameof(CapacityRefresh));
        ArgumentNullException.ThrowIfNull(CapacityOverride, nameof(CapacityOverride));
        ArgumentNullException.ThrowIfNull(Earmark, nameof(Earmark));
        ArgumentNullException.ThrowIfNull(Policy, nameof(Policy));
        ArgumentException.ThrowIfNullOrWhiteSpace(DataDir, nameof(DataDir));
        Policy.Validate();
    }
}
