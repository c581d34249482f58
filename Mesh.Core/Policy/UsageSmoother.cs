using Mesh.Core.Resources;

namespace Mesh.Core.Policy;

/// <summary>
/// Smooths the owner's CPU and memory into an envelope: an exponentially smoothed mean (short time constant upward,
/// long downward, so the owner gets resources back quickly and a short lull hands nothing out) plus
/// <c>noiseFactor</c> times the smoothed standard deviation. Under steady noise the envelope stays put (the noise is
/// inside it), which is what keeps the published surplus from flapping.
/// </summary>
public sealed class UsageSmoother(TimeSpan rise, TimeSpan fall, double noiseFactor = 2)
{
    // The noise estimate moves this many times slower than the falling mean, so the envelope itself holds still.
    private const int VarianceSlowdown = 4;

    private DateTimeOffset? _last;
    private double _cpuMean;
    private double _cpuVariance;
    private double _memoryMean;
    private double _memoryVariance;

    /// <summary>The smoothed envelope (zero before the first sample).</summary>
    public ResourceVector Value { get; private set; }

    /// <summary>Folds in a sample taken at <paramref name="now"/>; the first sample is taken as is.</summary>
    public ResourceVector Add(ResourceVector usage, DateTimeOffset now)
    {
        if (_last is not { } last)
        {
            _cpuMean = usage.Cpu;
            _memoryMean = usage.Memory;
        }
        else
        {
            var elapsed = Math.Max(0, (now - last).TotalSeconds);
            Step(ref _cpuMean, ref _cpuVariance, usage.Cpu, elapsed);
            Step(ref _memoryMean, ref _memoryVariance, usage.Memory, elapsed);
        }

        _last = now;
        Value = new ResourceVector(
            _cpuMean + (noiseFactor * Math.Sqrt(_cpuVariance)),
            (long)Math.Round(_memoryMean + (noiseFactor * Math.Sqrt(_memoryVariance))),
            usage.Disk,
            usage.Gpu);
        return Value;
    }

    // alpha = 1 - exp(-dt/tau): the same smoothing whatever the sampling interval. The variance always uses a long
    // time constant: it describes how noisy the owner has been lately, not just now.
    private void Step(ref double mean, ref double variance, double sample, double elapsedSeconds)
    {
        var deviation = sample - mean;
        mean += Alpha(sample > mean ? rise : fall, elapsedSeconds) * deviation;
        variance += Alpha(fall * VarianceSlowdown, elapsedSeconds) * ((deviation * deviation) - variance);
    }

    private static double Alpha(TimeSpan tau, double elapsedSeconds) =>
        tau <= TimeSpan.Zero ? 1 : 1 - Math.Exp(-elapsedSeconds / tau.TotalSeconds);
}
