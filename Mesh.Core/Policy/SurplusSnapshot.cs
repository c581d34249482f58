using Mesh.Core.Resources;

namespace Mesh.Core.Policy;

/// <summary>The node's resources as the <see cref="SurplusMonitor"/> last decided them: what the ledger and <c>mesh node</c> show.</summary>
public sealed record SurplusSnapshot
{
    /// <summary>What the machine has (detected, with <c>--capacity</c> applied).</summary>
    public ResourceVector Capacity { get; init; }

    /// <summary>What the owner keeps now.</summary>
    public ResourceVector Reserved { get; init; }

    /// <summary>What goes to the layer now; never negative.</summary>
    public ResourceVector Surplus { get; init; }

    /// <summary>What the owner's own programs use now (measured; zero CPU until the second reading).</summary>
    public ResourceVector OwnerUsage { get; init; }

    /// <summary>The GPUs (at most <c>Capacity.Gpu</c> of those detected).</summary>
    public IReadOnlyList<GpuDevice> Gpus { get; init; } = [];

    /// <summary>The policy's short name: static, dynamic or predictive.</summary>
    public string Policy { get; init; } = "static";

    /// <summary>The policy and its settings in words.</summary>
    public string PolicyDescription { get; init; } = "";

    /// <summary>The performance score; 0 until measured.</summary>
    public double Score { get; init; }

    /// <summary>When this reading was taken.</summary>
    public DateTimeOffset MeasuredAt { get; init; }

    /// <summary>True when what the ledger carries (capacity, reserved, surplus, GPUs, score, policy) differs from <paramref name="other"/>.</summary>
    public bool PublishedDiffers(SurplusSnapshot? other) =>
        other is null || Capacity != other.Capacity || Reserved != other.Reserved || Surplus != other.Surplus
        || !Gpus.SequenceEqual(other.Gpus) || Score != other.Score || Policy != other.Policy;
}
