using Mesh.Core.Resources;

namespace Mesh.Core.Probe;

/// <summary>What a machine has, as a probe detected it.</summary>
/// <param name="Resources">CPU cores, memory and disk bytes, GPU count.</param>
/// <param name="Gpus">The GPUs with model and memory (as many as <c>Resources.Gpu</c>).</param>
public sealed record HostCapacity(ResourceVector Resources, IReadOnlyList<GpuDevice> Gpus)
{
    /// <summary>Nothing detected.</summary>
    public static HostCapacity None { get; } = new(ResourceVector.Zero, []);
}
