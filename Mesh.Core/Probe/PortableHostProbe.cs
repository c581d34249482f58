using Mesh.Core.Resources;

namespace Mesh.Core.Probe;

/// <summary>A probe that asks .NET only: cores, memory the GC may use, disk of the data dir. For systems without their own probe yet.</summary>
public sealed class PortableHostProbe(HostProbeOptions options) : IHostProbe
{
    /// <inheritdoc />
    public Task<HostCapacity> ReadCapacityAsync(CancellationToken cancellationToken = default)
    {
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        var resources = new ResourceVector(Environment.ProcessorCount, memory, DiskCapacity.TotalBytes(options.DataDir), 0);
        return Task.FromResult(new HostCapacity(resources, []));
    }
}
