using Mesh.Core.Ledger;
using Mesh.Core.Resources;
using Mesh.Core.Tasks;

namespace Mesh.Core.Scheduling;

/// <summary>
/// Picks executors for tasks from the ledger's peer table: who could ever meet a request (checked at submission, so a
/// request no peer can meet is an error rather than a task that waits forever), and who can take it now.
/// </summary>
public static class PeerChooser
{
    /// <summary>
    /// True when <paramref name="entry"/>'s machine could run <paramref name="spec"/> at all: for this node, its whole
    /// capacity; for another peer, its capacity less what its owner keeps (guests never get the reserve).
    /// </summary>
    public static bool CouldEverRun(LedgerEntry entry, TaskSpec spec, bool isSelf)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(spec);
        var most = isSelf ? entry.Capacity : (entry.Capacity - entry.Reserved).ClampToZero();
        return spec.Resources.FitsWithin(most) && MeetsRequirements(entry, spec);
    }

    /// <summary>
    /// True when <paramref name="entry"/>'s free surplus (surplus less what it reports in use, less
    /// <paramref name="pending"/>: the change of this node's work there since that entry, negative when more ended
    /// than started; never more than the surplus) meets the request and its requirements.
    /// </summary>
    public static bool CanTakeNow(LedgerEntry entry, TaskSpec spec, ResourceVector pending)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(spec);
        var free = ResourceVector.Min((entry.Surplus - entry.InUse - pending).ClampToZero(), entry.Surplus);
        return spec.Resources.FitsWithin(free) && MeetsRequirements(entry, spec);
    }

    /// <summary>
    /// The best other peer to take <paramref name="spec"/> now: among those that can (<see cref="CanTakeNow"/>) and are
    /// not <paramref name="excluded"/>, the highest score first (heavier work prefers faster machines), then the most
    /// free cores, then the peer id (so every origin breaks ties alike). Null when none can.
    /// </summary>
    public static LedgerPeer? BestRemote(
        IEnumerable<LedgerPeer> peers, TaskSpec spec, Func<LedgerPeer, ResourceVector> pending, Func<string, bool> excluded)
    {
        ArgumentNullException.ThrowIfNull(peers);
        ArgumentNullException.ThrowIfNull(pending);
        ArgumentNullException.ThrowIfNull(excluded);
        LedgerPeer? best = null;
        var bestFree = 0.0;
        foreach (var peer in peers)
        {
            var entry = peer.Entry;
            if (peer.IsSelf || excluded(entry.Peer.ToString()))
            {
                continue;
            }

            var extra = pending(peer);
            if (!CanTakeNow(entry, spec, extra))
            {
                continue;
            }

            var free = entry.Surplus.Cpu - entry.InUse.Cpu - extra.Cpu;
            if (best is null || Better(entry, free, best.Entry, bestFree))
            {
                best = peer;
                bestFree = free;
            }
        }

        return best;
    }

    /// <summary>True when the peer has the GPUs and the score the task's requirements ask for.</summary>
    public static bool MeetsRequirements(LedgerEntry entry, TaskSpec spec)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Placement.Requirements is not { } requirements)
        {
            return true;
        }

        if (requirements.MinScore > 0 && entry.Score < requirements.MinScore)
        {
            return false;
        }

        if (requirements.MinGpuMemory <= 0 && requirements.GpuModel is null)
        {
            return true;
        }

        var suitable = entry.Gpus.Count(gpu =>
            gpu.Memory >= requirements.MinGpuMemory
            && (requirements.GpuModel is null || gpu.Model.Contains(requirements.GpuModel, StringComparison.OrdinalIgnoreCase)));
        return suitable >= Math.Max(1, spec.Resources.Gpu);
    }

    private static bool Better(LedgerEntry candidate, double candidateFree, LedgerEntry best, double bestFree)
    {
        if (candidate.Score != best.Score)
        {
            return candidate.Score > best.Score;
        }

        if (candidateFree != bestFree)
        {
            return candidateFree > bestFree;
        }

        return string.CompareOrdinal(candidate.Peer.ToString(), best.Peer.ToString()) < 0;
    }
}
