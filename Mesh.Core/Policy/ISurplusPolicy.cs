using Mesh.Core.Resources;

namespace Mesh.Core.Policy;

/// <summary>Decides the reservation and surplus from the capacity and the owner's usage; called once per probe interval.</summary>
public interface ISurplusPolicy
{
    /// <summary>The policy and its settings in words (for <c>mesh node</c> and the ledger), e.g. "dynamic (headroom cpu=0.5,mem=512MiB)".</summary>
    string Description { get; }

    /// <summary>The short name gossiped in the ledger: <c>static</c>, <c>dynamic</c> or <c>predictive</c>.</summary>
    string Name { get; }

    /// <summary>
    /// The decision to publish now, given the capacity and the owner's latest usage. Hysteresis lives here: the
    /// result stays the same until the change is worth publishing.
    /// </summary>
    SurplusDecision Evaluate(ResourceVector capacity, ResourceVector ownerUsage);

    /// <summary>Writes any state worth keeping across restarts (the predictive history); a no-op for the others.</summary>
    void SaveState()
    {
    }
}
