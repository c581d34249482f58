namespace Mesh.Core.Probe;

/// <summary>The aggregate <c>cpu</c> line of <c>/proc/stat</c>, in clock ticks summed over all CPUs.</summary>
/// <param name="Total">All time (user, nice, system, idle, iowait, irq, softirq, steal).</param>
/// <param name="Idle">Idle plus iowait.</param>
/// <param name="CpuCount">The number of <c>cpuN</c> lines (online CPUs).</param>
public readonly record struct CpuTimes(ulong Total, ulong Idle, int CpuCount)
{
    /// <summary>Busy ticks: total minus idle.</summary>
    public ulong Busy => Total - Idle;
}
