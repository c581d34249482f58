namespace Mesh.Core.Execution;

/// <summary>What a task used. A figure is null where this machine could not measure it.</summary>
/// <param name="UserCpu">CPU time in user mode, all the task's processes together.</param>
/// <param name="SystemCpu">CPU time in kernel mode, all the task's processes together.</param>
/// <param name="MaxMemoryBytes">The peak memory of the task (cgroup peak: all its processes together).</param>
public sealed record ExecutionUsage(TimeSpan? UserCpu, TimeSpan? SystemCpu, long? MaxMemoryBytes)
{
    /// <summary>Nothing measured.</summary>
    public static ExecutionUsage Unknown { get; } = new(null, null, null);
}
