using Mesh.Core.Resources;

namespace Mesh.Core.Control;

/// <summary>The answer to <c>GET /v1/node</c> and the output of <c>mesh node --json</c>.</summary>
public sealed record NodeView
{
    /// <summary>The node's peer id.</summary>
    public required string Id { get; init; }

    /// <summary>Its short name.</summary>
    public required string Name { get; init; }

    /// <summary>Its listen addresses, each ending in <c>/p2p/ID</c>.</summary>
    public IReadOnlyList<string> Addrs { get; init; } = [];

    /// <summary>What the machine has (detected, capped by <c>--capacity</c>).</summary>
    public ResourceVector Capacity { get; init; }

    /// <summary>What the owner keeps now.</summary>
    public ResourceVector Reserved { get; init; }

    /// <summary>What the node passes to the layer now.</summary>
    public ResourceVector Surplus { get; init; }

    /// <summary>What mesh tasks use now.</summary>
    public ResourceVector InUse { get; init; }

    /// <summary>What the owner's own programs use now (measured).</summary>
    public ResourceVector OwnerUsage { get; init; }

    /// <summary>Its GPUs.</summary>
    public IReadOnlyList<GpuDevice> Gpus { get; init; } = [];

    /// <summary>The surplus policy in force (static, dynamic or predictive) and its settings, in words.</summary>
    public string Policy { get; init; } = "static";

    /// <summary>The performance score (0 when not measured yet).</summary>
    public double Score { get; init; }

    /// <summary>Its rank among the peers it knows, 1 being the fastest.</summary>
    public int Rank { get; init; }

    /// <summary>What isolation this node enforces on tasks (filled in as execution arrives), in words.</summary>
    public IReadOnlyList<string> Isolation { get; init; } = [];

    /// <summary>The data directory.</summary>
    public string DataDir { get; init; } = "";

    /// <summary>The mesh key fingerprint (not the key).</summary>
    public string MeshKeyFingerprint { get; init; } = "";

    /// <summary>When the node started.</summary>
    public DateTimeOffset StartedAt { get; init; }
}
