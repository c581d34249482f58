using System.Globalization;
using Mesh.Core.Resources;

namespace Mesh.Core.Policy;

/// <summary>
/// Surplus follows the owner's measured usage: reserved = max(earmark, smoothed usage envelope + headroom) for CPU and
/// memory (disk and GPU keep the earmark; see <see cref="UsageSmoother"/>), published through a <see cref="ChangeGate"/>
/// so it does not flap.
/// </summary>
public sealed class DynamicSurplusPolicy : ISurplusPolicy
{
    private readonly Earmark _earmark;
    private readonly SurplusPolicyOptions _options;
    private readonly TimeProvider _time;
    private readonly UsageSmoother _smoother;
    private readonly ChangeGate _gate;

    /// <summary>Creates the policy.</summary>
    public DynamicSurplusPolicy(Earmark earmark, SurplusPolicyOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(earmark);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        options.Validate();
        _earmark = earmark;
        _options = options;
        _time = time;
        _smoother = new UsageSmoother(options.RiseSmoothing, options.FallSmoothing, options.NoiseFactor);
        _gate = new ChangeGate(options.ChangeThreshold, options.HoldTime);
    }

    /// <inheritdoc />
    public string Name => "dynamic";

    /// <inheritdoc />
    public string Description => string.Create(CultureInfo.InvariantCulture,
        $"dynamic (headroom {PolicyText.Headroom(_options.Headroom)}, at least {_earmark})");

    /// <summary>How many times the published reservation changed (for tests and diagnostics).</summary>
    public int PublishedChanges => _gate.Changes;

    /// <inheritdoc />
    public SurplusDecision Evaluate(ResourceVector capacity, ResourceVector ownerUsage)
    {
        var now = _time.GetUtcNow();
        var smoothed = _smoother.Add(ownerUsage, now);
        var wanted = PolicyText.ReserveFor(_earmark.ReservedOf(capacity), smoothed, _options.Headroom);
        return SurplusDecision.Of(capacity, _gate.Offer(ResourceVector.Min(wanted, capacity), now));
    }
}
