namespace Mesh.Core.Tasks;

/// <summary>Properties a peer must have to run the task, beyond the resource request's amounts.</summary>
/// <param name="MinGpuMemory">The least memory, in bytes, each GPU given to the task must have (0: any).</param>
/// <param name="GpuModel">A substring the GPU model must contain, case-insensitive (null: any).</param>
/// <param name="MinScore">The least performance score the peer must have (0: any).</param>
public sealed record TaskRequirements(long MinGpuMemory = 0, string? GpuModel = null, double MinScore = 0)
{
    /// <summary>No requirements.</summary>
    public static TaskRequirements None { get; } = new();
}
