using Mesh.Core.Resources;

namespace Mesh.Core.Policy;

/// <summary>
/// Hysteresis for publication: a new reservation replaces the published one at once when it differs by more than
/// the threshold, otherwise only when the published one is at least the hold time old (so noise does not flap the ledger).
/// </summary>
public sealed class ChangeGate(ResourceVector threshold, TimeSpan holdTime)
{
    // Differences below these are not changes at all (float noise, a few bytes).
    private const double CpuEpsilon = 0.01;
    private const long MemoryEpsilon = 1L << 20;

    private DateTimeOffset _publishedAt;
    private bool _hasPublished;

    /// <summary>The reservation published last.</summary>
    public ResourceVector Published { get; private set; }

    /// <summary>How many times the published value changed.</summary>
    public int Changes { get; private set; }

    /// <summary>Offers a candidate reservation; returns the reservation to publish now (the candidate or the old one).</summary>
    public ResourceVector Offer(ResourceVector candidate, DateTimeOffset now)
    {
        if (!_hasPublished)
        {
            Publish(candidate, now);
            return Published;
        }

        var delta = candidate - Published;
        var large = Math.Abs(delta.Cpu) > threshold.Cpu || Math.Abs(delta.Memory) > threshold.Memory
            || delta.Disk != 0 || delta.Gpu != 0;
        var small = Math.Abs(delta.Cpu) > CpuEpsilon || Math.Abs(delta.Memory) > MemoryEpsilon;
        if (large || (small && now - _publishedAt >= holdTime))
        {
            Publish(candidate, now);
        }

        return Published;
    }

    private void Publish(ResourceVector value, DateTimeOffset now)
    {
        if (_hasPublished && value != Published)
        {
            Changes++;
        }

        Published = value;
        _publishedAt = now;
        _hasPublished = true;
    }
}
