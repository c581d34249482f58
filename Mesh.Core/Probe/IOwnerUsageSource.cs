using Mesh.Core.Resources;

namespace Mesh.Core.Probe;

/// <summary>
/// Measures what the machine's owner uses now: CPU cores and memory used by everything that is not mesh
/// (the mesh node and its descendants, task processes included). Tests pass a fake to drive the surplus policy.
/// </summary>
public interface IOwnerUsageSource
{
    /// <summary>
    /// The owner's usage since the previous call (CPU as an average over that interval, memory now); disk and GPU are zero.
    /// The first call may report zero CPU (there is no interval yet).
    /// </summary>
    /// <exception cref="IOException">The system could not be read; callers keep their last good reading.</exception>
    ValueTask<ResourceVector> ReadOwnerUsageAsync(CancellationToken cancellationToken = default);
}
