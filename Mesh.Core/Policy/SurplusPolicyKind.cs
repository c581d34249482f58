namespace Mesh.Core.Policy;

/// <summary>How a node decides what it passes to the layer (the description, 0031).</summary>
public enum SurplusPolicyKind
{
    /// <summary>The earmark alone: capacity minus the reservation (or the share); owner usage is not looked at.</summary>
    Static,

    /// <summary>Follows the owner's measured usage, smoothed, with headroom and hysteresis; never below the earmark.</summary>
    Dynamic,

    /// <summary>As dynamic, but reserves ahead of the owner's usage forecast from its daily history.</summary>
    Predictive,
}
