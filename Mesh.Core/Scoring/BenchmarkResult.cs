namespace Mesh.Core.Scoring;

/// <summary>What one benchmark run measured.</summary>
/// <param name="CpuMiBPerSecond">SHA-256 throughput of all cores together, MiB hashed per second.</param>
/// <param name="MemoryGiBPerSecond">Memory copy bandwidth of all cores together, GiB copied per second.</param>
public readonly record struct BenchmarkResult(double CpuMiBPerSecond, double MemoryGiBPerSecond)
{
    /// <summary>The CPU reference: one core hashing 500 MiB/s of SHA-256 (a 2020s desktop core with SHA extensions is 1-2 GiB/s).</summary>
    public const double ReferenceCpuMiBPerSecond = 500;

    /// <summary>The memory reference: 10 GiB/s of copying.</summary>
    public const double ReferenceMemoryGiBPerSecond = 10;

    /// <summary>
    /// The performance score (FIG 9, 905), in points: 100 × (cpu / 500 MiB/s)^0.7 × (mem / 10 GiB/s)^0.3, a weighted
    /// geometric mean, so a machine with one reference core and 10 GiB/s scores 100 and twice the cores scores about 162.
    /// CPU weighs more because most mesh work is compute-bound. Zero when either part is zero.
    /// </summary>
    public double Score => CpuMiBPerSecond <= 0 || MemoryGiBPerSecond <= 0 || !double.IsFinite(CpuMiBPerSecond) || !double.IsFinite(MemoryGiBPerSecond)
        ? 0
        : 100 * Math.Pow(CpuMiBPerSecond / ReferenceCpuMiBPerSecond, 0.7) * Math.Pow(MemoryGiBPerSecond / ReferenceMemoryGiBPerSecond, 0.3);
}
