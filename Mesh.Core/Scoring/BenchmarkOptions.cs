namespace Mesh.Core.Scoring;

/// <summary>How long the benchmark runs and on how many threads.</summary>
public sealed class BenchmarkOptions
{
    /// <summary>The CPU phase (SHA-256 on every core). Default 500 ms.</summary>
    public TimeSpan CpuPhase { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The memory phase (copying a buffer larger than the caches). Default 300 ms.</summary>
    public TimeSpan MemoryPhase { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Threads used by both phases. Default: <see cref="Environment.ProcessorCount"/>.</summary>
    public int Threads { get; set; } = Environment.ProcessorCount;

    /// <summary>The memory buffer copied (twice this is allocated for the run). Default 32 MiB, larger than most caches.</summary>
    public int MemoryBufferBytes { get; set; } = 32 << 20;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the setting that is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(CpuPhase, TimeSpan.Zero, nameof(CpuPhase));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MemoryPhase, TimeSpan.Zero, nameof(MemoryPhase));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(CpuPhase + MemoryPhase, TimeSpan.FromSeconds(10), nameof(CpuPhase));
        ArgumentOutOfRangeException.ThrowIfLessThan(Threads, 1, nameof(Threads));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Threads, 4096, nameof(Threads));
        ArgumentOutOfRangeException.ThrowIfLessThan(MemoryBufferBytes, 1 << 20, nameof(MemoryBufferBytes));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MemoryBufferBytes, 1 << 30, nameof(MemoryBufferBytes));
    }
}
