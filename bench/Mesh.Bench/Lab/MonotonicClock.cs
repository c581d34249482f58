using System.Diagnostics;

namespace Mesh.Bench.Lab;

/// <summary>
/// CLOCK_MONOTONIC in nanoseconds: on Linux <see cref="Stopwatch.GetTimestamp"/> reads it, as Node's
/// <c>process.hrtime.bigint()</c> does, so times taken in different processes (and network namespaces) compare.
/// </summary>
public static class MonotonicClock
{
    /// <summary>Now, in nanoseconds.</summary>
    public static long NowNanoseconds() => ToNanoseconds(Stopwatch.GetTimestamp());

    /// <summary>A <see cref="Stopwatch"/> timestamp in nanoseconds.</summary>
    public static long ToNanoseconds(long timestamp) =>
        Stopwatch.Frequency == 1_000_000_000 ? timestamp : (long)((Int128)timestamp * 1_000_000_000 / Stopwatch.Frequency);
}
