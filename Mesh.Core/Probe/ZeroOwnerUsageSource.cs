using Mesh.Core.Resources;

namespace Mesh.Core.Probe;

/// <summary>Reports no owner usage: for systems without a usage probe yet (only the static policy makes sense there).</summary>
public sealed class ZeroOwnerUsageSource : IOwnerUsageSource
{
    /// <inheritdoc />
    public ValueTask<ResourceVector> ReadOwnerUsageAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(ResourceVector.Zero);
}
