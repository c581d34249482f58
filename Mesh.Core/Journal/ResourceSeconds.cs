namespace Mesh.Core.Journal;

/// <summary>Resources over time, summed over compute transactions (docs/protocol.md, "Contribution").</summary>
/// <param name="CpuSeconds">CPU time the tasks used, in core-seconds (measured).</param>
/// <param name="MemoryByteSeconds">Peak memory times wall time, in byte-seconds.</param>
/// <param name="GpuSeconds">GPUs requested times wall time, in device-seconds.</param>
/// <param name="Tasks">How many transactions.</param>
public sealed record ResourceSeconds(double CpuSeconds, double MemoryByteSeconds, double GpuSeconds, long Tasks)
{
    /// <summary>Nothing.</summary>
    public static ResourceSeconds Zero { get; } = new(0, 0, 0, 0);

    /// <summary>The sum of two amounts.</summary>
    public static ResourceSeconds operator +(ResourceSeconds left, ResourceSeconds right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return new(left.CpuSeconds + right.CpuSeconds, left.MemoryByteSeconds + right.MemoryByteSeconds, left.GpuSeconds + right.GpuSeconds, left.Tasks + right.Tasks);
    }

    /// <summary>The sum of two amounts.</summary>
    public static ResourceSeconds Add(ResourceSeconds left, ResourceSeconds right) => left + right;
}
