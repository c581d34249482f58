namespace Mesh.Core.Tasks;

/// <summary>What one attempt used.</summary>
/// <param name="WallTime">From the start to the end.</param>
/// <param name="CpuTime">User plus system CPU time of the whole process tree.</param>
/// <param name="PeakMemory">The most resident memory seen, in bytes.</param>
public sealed record TaskUsage(TimeSpan WallTime, TimeSpan CpuTime, long PeakMemory)
{
    /// <summary>Nothing measured.</summary>
    public static TaskUsage None { get; } = new(TimeSpan.Zero, TimeSpan.Zero, 0);
}
