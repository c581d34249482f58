using Mesh.Core.Resources;

namespace Mesh.Core.Policy;

/// <summary>
/// Exponential smoothing of the owner's CPU and memory with a short time constant upward and a long one downward:
/// the reservation rises quickly when the owner needs more and falls slowly, so noise does not hand cores back and forth.
/// </summary>
public sealed class UsageSmoother(TimeSpan rise, TimeSpan fall)
{
    private DateTimeOffset? _last;

    /// <summary>The smoothed usage (zero before the first sample).</summary>
    public ResourceVector Value { get; private set; }

    /// <summary>Folds in a sample taken at <paramref name="now"/>; the first sample is taken as is.</summary>
    public ResourceVector Add(ResourceVector usage, DateTimeOffset now)
    {
        if (_last is not { } last)
        {
            Value = usage;
        }
        else
        {
            var elapsed = Math.Max(0, (now - last).TotalSeconds);
            Value = new ResourceVector(
                Step(Value.Cpu, usage.Cpu, elapsed),
                (long)Math.Round(Step(Value.Memory, usage.Memory, elapsed)),
                usage.Disk,
                usage.Gpu);
        }

        _last = now;
        return Value;
    }

    // alpha = 1 - exp(-dt/tau): the same smoothing whatever the sampling interval.
    private double Step(double current, double sample, double elapsedSeconds)
    {
        var tau = (sample > current ? rise : fall).TotalSeconds;
        var alpha = tau <= 0 ? 1 : 1 - Math.Exp(-elapsedSeconds / tau);
        return current + (alpha * (sample - current));
    }
}
