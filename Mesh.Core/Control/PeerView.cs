using Mesh.Core.Resources;

namespace Mesh.Core.Control;

/// <summary>One row of the peer table as the control API shows it (<c>mesh peers --json</c>, shared/DESIGN.md).</summary>
public sealed record PeerView
{
    /// <summary>The peer id (base58).</summary>
    public required string Id { get; init; }

    /// <summary>The machine's short name.</summary>
    public required string Name { get; init; }

    /// <summary>Its listen addresses (multiaddr strings).</summary>
    public IReadOnlyList<string> Addrs { get; init; } = [];

    /// <summary>What the machine has.</summary>
    public ResourceVector Capacity { get; init; }

    /// <summary>What its owner keeps.</summary>
    public ResourceVector Reserved { get; init; }

    /// <summary>What it passes to the virtual layer.</summary>
    public ResourceVector Surplus { get; init; }

    /// <summary>What mesh tasks use on it.</summary>
    public ResourceVector InUse { get; init; }

    /// <summary>Its GPUs.</summary>
    public IReadOnlyList<GpuDevice> Gpus { get; init; } = [];

    /// <summary>Tasks queued there.</summary>
    public int Queued { get; init; }

    /// <summary>Tasks running there.</summary>
    public int Running { get; init; }

    /// <summary>Its performance score (0 when not measured yet).</summary>
    public double Score { get; init; }

    /// <summary>Its rank by score among the peers in the table, 1 being the fastest.</summary>
    public int Rank { get; init; }

    /// <summary>Its surplus policy (static, dynamic or predictive).</summary>
    public string Policy { get; init; } = "static";

    /// <summary>When this node last heard an entry from it (for the node itself: when it last issued one).</summary>
    public DateTimeOffset LastSeen { get; init; }

    /// <summary>True for the row of the node answering.</summary>
    public bool IsSelf { get; init; }

    /// <summary>Its journal as announced and as this node has checked it; null when it announces none.</summary>
    public JournalPeerView? Journal { get; init; }
}
