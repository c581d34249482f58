namespace Mesh.Core.Scoring;

/// <summary>The cached score file (<c>DATA_DIR/score.json</c>).</summary>
/// <param name="Version">The file format version (<see cref="CurrentVersion"/>).</param>
/// <param name="BenchmarkVersion">The <see cref="PerformanceBenchmark.Version"/> that measured it.</param>
/// <param name="CpuModel">The CPU model it was measured on.</param>
/// <param name="Cores">The core count it was measured with.</param>
/// <param name="Score">The score.</param>
/// <param name="CpuMiBPerSecond">The CPU rate.</param>
/// <param name="MemoryGiBPerSecond">The memory rate.</param>
/// <param name="MeasuredAt">When.</param>
public sealed record ScoreCacheDocument(
    int Version, int BenchmarkVersion, string CpuModel, int Cores, double Score, double CpuMiBPerSecond, double MemoryGiBPerSecond, DateTimeOffset MeasuredAt)
{
    /// <summary>The format this code writes.</summary>
    public const int CurrentVersion = 1;
}
