using Mesh.Core.Resources;

namespace Mesh.Core.Policy;

/// <summary>What a policy publishes: what the owner keeps and what goes to the layer.</summary>
/// <param name="Reserved">What the owner keeps now (at least the earmark, at most the capacity).</param>
/// <param name="Surplus">Capacity minus reserved; never negative.</param>
public readonly record struct SurplusDecision(ResourceVector Reserved, ResourceVector Surplus)
{
    /// <summary>The decision that reserves <paramref name="reserved"/> of <paramref name="capacity"/>, clamped into range.</summary>
    public static SurplusDecision Of(ResourceVector capacity, ResourceVector reserved)
    {
        var kept = ResourceVector.Min(reserved.ClampToZero(), capacity.ClampToZero());
        return new SurplusDecision(kept, (capacity - kept).ClampToZero());
    }
}
