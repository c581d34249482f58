using Mesh.Libp2p.Identity;

namespace Mesh.Core.Journal;

/// <summary>
/// A node's contribution from the records of its journal (docs/protocol.md, "Journal", contribution): per record
/// cpuSeconds = used CPU time, memoryByteSeconds = peak memory × wall time, gpuSeconds = requested GPUs × wall time,
/// tasks = 1; given when the node executed for another origin, used when another executor ran for it.
/// </summary>
public static class ContributionCalculator
{
    /// <summary>The resource-seconds of one record.</summary>
    public static ResourceSeconds AmountOf(ComputeRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var wallSeconds = record.Used.WallTime.TotalSeconds;
        return new ResourceSeconds(record.Used.CpuTime.TotalSeconds, record.Used.PeakMemory * wallSeconds, record.Requested.Gpu * wallSeconds, 1);
    }

    /// <summary>Which side of <paramref name="owner"/>'s contribution <paramref name="record"/> counts on.</summary>
    public static ContributionSide Classify(ComputeRecord record, PeerId owner)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(owner);
        var executed = record.Executor == owner;
        var originated = record.Origin == owner;
        return executed && !originated ? ContributionSide.Given
            : originated && !executed ? ContributionSide.Used
            : ContributionSide.None;
    }

    /// <summary><paramref name="contribution"/> with <paramref name="record"/> added on its side.</summary>
    public static Contribution Add(Contribution contribution, ComputeRecord record, PeerId owner)
    {
        ArgumentNullException.ThrowIfNull(contribution);
        return Classify(record, owner) switch
        {
            ContributionSide.Given => contribution with { Given = contribution.Given + AmountOf(record) },
            ContributionSide.Used => contribution with { Used = contribution.Used + AmountOf(record) },
            _ => contribution,
        };
    }

    /// <summary>The contribution of <paramref name="owner"/> summed over <paramref name="records"/>.</summary>
    public static Contribution Sum(IEnumerable<ComputeRecord> records, PeerId owner)
    {
        ArgumentNullException.ThrowIfNull(records);
        var total = Contribution.None;
        foreach (var record in records)
        {
            total = Add(total, record, owner);
        }

        return total;
    }
}
