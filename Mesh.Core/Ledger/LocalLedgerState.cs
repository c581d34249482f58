using Mesh.Core.Resources;

namespace Mesh.Core.Ledger;

/// <summary>
/// What this node says about itself in its ledger entry, less what the ledger adds (peer id, version, issue time).
/// The node hands a new one to <see cref="LedgerService.UpdateLocal"/> whenever its surplus, score or tasks change.
/// Equality compares the lists element by element, so an unchanged state does not trigger a publication.
/// </summary>
public sealed record LocalLedgerState
{
    /// <summary>A short human name (the hostname by default).</summary>
    public required string Name { get; init; }

    /// <summary>The listen addresses as multiaddr strings.</summary>
    public IReadOnlyList<string> Addresses { get; init; } = [];

    /// <summary>What the machine has.</summary>
    public required ResourceVector Capacity { get; init; }

    /// <summary>What the owner keeps.</summary>
    public required ResourceVector Reserved { get; init; }

    /// <summary>What the machine passes to the virtual layer now; never negative.</summary>
    public required ResourceVector Surplus { get; init; }

    /// <summary>What mesh tasks use on this machine now.</summary>
    public ResourceVector InUse { get; init; }

    /// <summary>The machine's GPUs.</summary>
    public IReadOnlyList<GpuDevice> Gpus { get; init; } = [];

    /// <summary>Tasks queued here.</summary>
    public int Queued { get; init; }

    /// <summary>Tasks running here.</summary>
    public int Running { get; init; }

    /// <summary>The performance score; 0 when not measured yet.</summary>
    public double Score { get; init; }

    /// <summary>The surplus policy in force: static, dynamic or predictive.</summary>
    public string Policy { get; init; } = "static";

    /// <summary>Field-wise equality, lists compared element by element.</summary>
    public bool Equals(LocalLedgerState? other) =>
        other is not null
        && Name == other.Name
        && Addresses.SequenceEqual(other.Addresses)
        && Capacity == other.Capacity
        && Reserved == other.Reserved
        && Surplus == other.Surplus
        && InUse == other.InUse
        && Gpus.SequenceEqual(other.Gpus)
        && Queued == other.Queued
        && Running == other.Running
        && Score.Equals(other.Score)
        && Policy == other.Policy;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Capacity, Reserved, Surplus, InUse, Queued, Running, Score);

    /// <summary>The entry this state makes for <paramref name="peer"/> at <paramref name="version"/>.</summary>
    public LedgerEntry ToEntry(Libp2p.Identity.PeerId peer, ulong version, DateTimeOffset issuedAt) => new()
    {
        Peer = peer,
        Name = Name,
        Version = version,
        IssuedAt = issuedAt,
        Addresses = [.. Addresses],
        Capacity = Capacity,
        Reserved = Reserved,
        Surplus = Surplus,
        InUse = InUse,
        Gpus = [.. Gpus],
        Queued = Queued,
        Running = Running,
        Score = Score,
        Policy = Policy,
    };
}
