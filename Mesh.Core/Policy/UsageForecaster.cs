using Mesh.Core.Resources;

namespace Mesh.Core.Policy;

/// <summary>
/// The owner's CPU and memory forecast from a daily profile: samples are averaged per bucket of local time, and each
/// finished bucket updates a <see cref="DailyProfileForecaster"/> per resource.
/// </summary>
public sealed class UsageForecaster
{
    private readonly TimeSpan _bucket;
    private readonly TimeZoneInfo _zone;
    private long _currentKey = long.MinValue;
    private double _cpuSum;
    private double _memorySum;
    private int _count;

    /// <summary>Creates an empty forecaster.</summary>
    public UsageForecaster(SurplusPolicyOptions options, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(zone);
        _bucket = options.ProfileBucket;
        _zone = zone;
        var buckets = (int)(TimeSpan.FromDays(1).Ticks / _bucket.Ticks);
        Cpu = new DailyProfileForecaster(buckets, options.LevelSmoothing, options.ProfileSmoothing);
        Memory = new DailyProfileForecaster(buckets, options.LevelSmoothing, options.ProfileSmoothing);
    }

    /// <summary>The CPU forecaster (cores).</summary>
    public DailyProfileForecaster Cpu { get; }

    /// <summary>The memory forecaster (bytes).</summary>
    public DailyProfileForecaster Memory { get; }

    /// <summary>The bucket width.</summary>
    public TimeSpan Bucket => _bucket;

    /// <summary>Adds a sample; returns true when it finished a bucket (the history changed and is worth saving).</summary>
    public bool Add(DateTimeOffset now, ResourceVector usage)
    {
        var key = LocalTicks(now) / _bucket.Ticks;
        var finished = false;
        if (key != _currentKey && _count > 0)
        {
            var bucket = (int)(_currentKey % Cpu.Buckets);
            Cpu.Observe(bucket, _cpuSum / _count);
            Memory.Observe(bucket, _memorySum / _count);
            finished = true;
            _cpuSum = 0;
            _memorySum = 0;
            _count = 0;
        }

        _currentKey = key;
        _cpuSum += usage.Cpu;
        _memorySum += usage.Memory;
        _count++;
        return finished;
    }

    /// <summary>
    /// The largest forecast of the buckets that the window [<paramref name="from"/>, <paramref name="from"/> + <paramref name="horizon"/>]
    /// touches, per resource; null when none of them was ever observed.
    /// </summary>
    public ResourceVector? ForecastMax(DateTimeOffset from, TimeSpan horizon)
    {
        double? cpu = null;
        double? memory = null;
        var first = LocalTicks(from) / _bucket.Ticks;
        var last = LocalTicks(from + horizon) / _bucket.Ticks;
        for (var key = first; key <= last; key++)
        {
            var bucket = (int)(key % Cpu.Buckets);
            if (Cpu.Forecast(bucket) is { } c)
            {
                cpu = Math.Max(cpu ?? 0, c);
            }

            if (Memory.Forecast(bucket) is { } m)
            {
                memory = Math.Max(memory ?? 0, m);
            }
        }

        return cpu is null && memory is null ? null : new ResourceVector(cpu ?? 0, (long)Math.Round(memory ?? 0), 0, 0);
    }

    // Ticks of local time since 0001-01-01: the daily profile follows the owner's clock, not UTC.
    private long LocalTicks(DateTimeOffset time) => TimeZoneInfo.ConvertTime(time, _zone).DateTime.Ticks;
}
