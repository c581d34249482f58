using System.Text;
using Mesh.Core.Journal;
using Mesh.Core.Resources;

namespace Mesh.Core.Ledger;

/// <summary>
/// The value rules of an entry, shared by the encoder and the decoder so this node never publishes an entry that
/// others refuse: lengths within <see cref="LedgerCodecLimits"/>, resources finite and not negative, counts not negative.
/// </summary>
internal static class LedgerEntryRules
{
    /// <summary>Null when <paramref name="entry"/> keeps every rule; otherwise the first broken rule, with the status it maps to.</summary>
    public static (LedgerDecodeStatus Status, string Reason)? Check(LedgerEntry entry, LedgerCodecLimits limits)
    {
        if (Encoding.UTF8.GetByteCount(entry.Name) > limits.MaxNameLength)
        {
            return (LedgerDecodeStatus.TooLarge, $"the name is over {limits.MaxNameLength} bytes");
        }

        if (Encoding.UTF8.GetByteCount(entry.Policy) > limits.MaxPolicyLength)
        {
            return (LedgerDecodeStatus.TooLarge, $"the policy is over {limits.MaxPolicyLength} bytes");
        }

        if (entry.Addresses.Count > limits.MaxAddresses)
        {
            return (LedgerDecodeStatus.TooLarge, $"{entry.Addresses.Count} addresses, over {limits.MaxAddresses}");
        }

        if (entry.Addresses.Any(a => Encoding.UTF8.GetByteCount(a) > limits.MaxAddressLength))
        {
            return (LedgerDecodeStatus.TooLarge, $"an address is over {limits.MaxAddressLength} bytes");
        }

        if (entry.Gpus.Count > limits.MaxGpus)
        {
            return (LedgerDecodeStatus.TooLarge, $"{entry.Gpus.Count} GPUs, over {limits.MaxGpus}");
        }

        if (entry.Gpus.Any(g => Encoding.UTF8.GetByteCount(g.Model) > limits.MaxGpuModelLength))
        {
            return (LedgerDecodeStatus.TooLarge, $"a GPU model is over {limits.MaxGpuModelLength} bytes");
        }

        if (entry.Gpus.Any(g => g.Memory < 0))
        {
            return (LedgerDecodeStatus.Malformed, "a GPU's memory is negative");
        }

        foreach (var (name, vector) in new[] { ("capacity", entry.Capacity), ("reserved", entry.Reserved), ("surplus", entry.Surplus), ("inUse", entry.InUse) })
        {
            if (!IsValid(vector))
            {
                return (LedgerDecodeStatus.Malformed, $"{name} has a negative or non-finite component");
            }
        }

        if (entry.Queued < 0 || entry.Running < 0)
        {
            return (LedgerDecodeStatus.Malformed, "a task count is negative");
        }

        if (!double.IsFinite(entry.Score) || entry.Score < 0)
        {
            return (LedgerDecodeStatus.Malformed, "the score is negative or not finite");
        }

        return entry.Journal is { } journal ? CheckJournal(journal) : null;
    }

    /// <summary>Null when <paramref name="journal"/> keeps the rules of key 14; otherwise the broken one.</summary>
    public static (LedgerDecodeStatus Status, string Reason)? CheckJournal(JournalSummary journal)
    {
        if (journal.Head.Height < 0 || journal.Head.Hash.Length != JournalHead.HashLength)
        {
            return (LedgerDecodeStatus.Malformed, $"the journal head needs a height of at least 0 and a {JournalHead.HashLength}-byte hash");
        }

        foreach (var (name, amount) in new[] { ("given", journal.Contribution.Given), ("used", journal.Contribution.Used) })
        {
            if (!IsValid(amount))
            {
                return (LedgerDecodeStatus.Malformed, $"the journal's {name} has a negative or non-finite amount");
            }
        }

        return null;
    }

    private static bool IsValid(ResourceSeconds amount) =>
        IsFiniteNotNegative(amount.CpuSeconds) && IsFiniteNotNegative(amount.MemoryByteSeconds) && IsFiniteNotNegative(amount.GpuSeconds) && amount.Tasks >= 0;

    private static bool IsFiniteNotNegative(double value) => double.IsFinite(value) && value >= 0;

    private static bool IsValid(ResourceVector vector) =>
        double.IsFinite(vector.Cpu) && vector.Cpu >= 0 && vector.Memory >= 0 && vector.Disk >= 0 && vector.Gpu >= 0;
}
