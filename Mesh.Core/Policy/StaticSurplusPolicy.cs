using Mesh.Core.Resources;

namespace Mesh.Core.Policy;

/// <summary>The earmark alone (FIG 9, 901): surplus = capacity - reservation; the owner's usage is not looked at.</summary>
public sealed class StaticSurplusPolicy(Earmark earmark) : ISurplusPolicy
{
    /// <inheritdoc />
    public string Name => "static";

    /// <inheritdoc />
    public string Description => $"static ({earmark})";

    /// <inheritdoc />
    public SurplusDecision Evaluate(ResourceVector capacity, ResourceVector ownerUsage) =>
        SurplusDecision.Of(capacity, earmark.ReservedOf(capacity));
}
