namespace Mesh.Core.Execution;

/// <summary>Resource limits of one task; null means "no limit of this kind".</summary>
/// <param name="CpuCores">The most CPU the task may use, in cores (0.5 is half a core).</param>
/// <param name="MemoryBytes">The most memory the task's processes may use together, in bytes.</param>
/// <param name="MaxProcesses">The most processes (and threads) the task may have at once.</param>
public sealed record ExecutionLimits(double? CpuCores = null, long? MemoryBytes = null, int? MaxProcesses = null)
{
    /// <summary>No limits.</summary>
    public static ExecutionLimits None { get; } = new();
}
