using Mesh.Core.Resources;

namespace Mesh.Core.Policy;

/// <summary>
/// Hysteresis for publication, so noise does not flap the ledger: a new reservation replaces the published one at
/// once when it differs by more than the threshold; a smaller change (more than half the threshold) only once
/// it has persisted, in the same direction, for the whole hold time. Noise around the published value keeps crossing
/// back, so it never persists and is never published.
/// </summary>
public sealed class ChangeGate(ResourceVector threshold, TimeSpan holdTime)
{
    private DateTimeOffset? _deviatingSince;
    private (int Cpu, int Memory) _direction;
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
            Publish(candidate);
            return Published;
        }

        var delta = candidate - Published;
        var large = Math.Abs(delta.Cpu) > threshold.Cpu || Math.Abs(delta.Memory) > threshold.Memory || delta.Disk != 0 || delta.Gpu != 0;
        if (large)
        {
            Publish(candidate);
            return Published;
        }

        // Half the threshold, and never less than float noise or a megabyte.
        var cpuDirection = Math.Abs(delta.Cpu) > Math.Max(0.01, threshold.Cpu / 2) ? Math.Sign(delta.Cpu) : 0;
        var memoryDirection = Math.Abs(delta.Memory) > Math.Max(1L << 20, threshold.Memory / 2) ? Math.Sign(delta.Memory) : 0;
        if ((cpuDirection, memoryDirection) == (0, 0))
        {
            _deviatingSince = null;
        }
        else if (_deviatingSince is null || _direction != (cpuDirection, memoryDirection))
        {
            _deviatingSince = now;
            _direction = (cpuDirection, memoryDirection);
        }
        else if (now - _deviatingSince >= holdTime)
        {
            Publish(candidate);
        }

        return Published;
    }

    private void Publish(ResourceVector value)
    {
        if (_hasPublished && value != Published)
        {
            Changes++;
        }

        Published = value;
        _hasPublished = true;
        _deviatingSince = null;
    }
}
