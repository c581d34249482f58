using Mesh.Core.Journal;
using Mesh.Core.Resources;
using Mesh.Libp2p.Identity;

namespace Mesh.Core.Ledger;

/// <summary>
/// What one machine tells the mesh about itself: its resources and how much of them it passes to the virtual layer.
/// Entries are published on the ledger topic signed by the machine's peer key; a newer <see cref="Version"/> replaces an
/// older one. The wire form is in docs/protocol.md.
/// </summary>
public sealed record LedgerEntry
{
    /// <summary>The machine's peer id (the machine id of the description, 904).</summary>
    public required PeerId Peer { get; init; }

    /// <summary>A short human name (the hostname by default).</summary>
    public required string Name { get; init; }

    /// <summary>Strictly increasing per peer, also across restarts (milliseconds since the Unix epoch, or the previous version plus one if the clock stood still).</summary>
    public required ulong Version { get; init; }

    /// <summary>When the machine issued this entry, by its own clock.</summary>
    public required DateTimeOffset IssuedAt { get; init; }

    /// <summary>The machine's listen addresses as multiaddr strings.</summary>
    public IReadOnlyList<string> Addresses { get; init; } = [];

    /// <summary>What the machine has (after <c>--capacity</c> caps).</summary>
    public required ResourceVector Capacity { get; init; }

    /// <summary>What the owner keeps (the earmark).</summary>
    public required ResourceVector Reserved { get; init; }

    /// <summary>What the machine passes to the virtual layer now; never negative.</summary>
    public required ResourceVector Surplus { get; init; }

    /// <summary>What mesh tasks use on this machine now.</summary>
    public ResourceVector InUse { get; init; }

    /// <summary>The machine's GPUs, with model and memory.</summary>
    public IReadOnlyList<GpuDevice> Gpus { get; init; } = [];

    /// <summary>Tasks queued at this machine.</summary>
    public int Queued { get; init; }

    /// <summary>Tasks running on this machine.</summary>
    public int Running { get; init; }

    /// <summary>The performance score (FIG 9, 905): higher is faster; 0 when not yet measured.</summary>
    public double Score { get; init; }

    /// <summary>The surplus policy in force: <c>static</c>, <c>dynamic</c> or <c>predictive</c>.</summary>
    public string Policy { get; init; } = "static";

    /// <summary>The machine's journal head and contribution (docs/protocol.md, "Journal"); null when it announces none.</summary>
    public JournalSummary? Journal { get; init; }
}
