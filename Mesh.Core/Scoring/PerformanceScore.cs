namespace Mesh.Core.Scoring;

/// <summary>This machine's performance score and how it was obtained.</summary>
/// <param name="Score">The score in points (see <see cref="BenchmarkResult.Score"/>); 0 when not measured.</param>
/// <param name="Result">The rates measured.</param>
/// <param name="MeasuredAt">When the benchmark ran.</param>
/// <param name="FromCache">True when read from <c>score.json</c> rather than measured now.</param>
public sealed record PerformanceScore(double Score, BenchmarkResult Result, DateTimeOffset MeasuredAt, bool FromCache)
{
    /// <summary>Not measured yet.</summary>
    public static PerformanceScore Unmeasured { get; } = new(0, default, default, false);
}
