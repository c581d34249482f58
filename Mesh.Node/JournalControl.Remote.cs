using Mesh.Core.Control;
using Mesh.Core.Journal;
using Mesh.Core.Ledger;

namespace Mesh.Node;

/// <content>Verifying another peer's journal: fetch it whole, check the chain, then check it against the heads it announced.</content>
public sealed partial class JournalControl
{
    private const int ShortHashLength = 12;

    private async Task<JournalVerifyView> VerifyRemoteAsync(LedgerPeer target, CancellationToken cancellationToken)
    {
        var peer = target.Entry;
        var (entries, served) = await FetchWholeAsync(target, cancellationToken).ConfigureAwait(false);
        var verification = JournalVerifier.Verify(entries, JournalHead.Genesis, peer.Peer);
        if (!verification.Ok)
        {
            return VerifyView(peer.Peer, peer.Name, verification);
        }

        // The chain checks out link by link; it must also be the one the peer says it has: the head it served with the
        // entries, and the head it announced in its ledger entry (a shorter or different chain is a rewritten history).
        var fault = CheckServedHead(entries.Count, verification.Head, served)
            ?? CheckAnnouncedHead(entries, peer.Journal)
            ?? CheckAnnouncedContribution(entries, peer)
            ?? CheckNothingOmitted(entries, peer);
        return VerifyView(peer.Peer, peer.Name, fault is null ? verification : verification with { FirstFault = fault });
    }

    private async Task<(List<ReadOnlyMemory<byte>> Entries, JournalHead Served)> FetchWholeAsync(LedgerPeer target, CancellationToken cancellationToken)
    {
        var peer = target.Entry;
        var entries = new List<ReadOnlyMemory<byte>>();
        JournalHead? served = null;
        long bytes = 0;
        while (true)
        {
            var page = await FetchAsync(target, entries.Count + 1, _options.PageSize, cancellationToken).ConfigureAwait(false);

            // Entries appended while the pages come in belong to a later verify: check up to the first head served.
            served ??= page.Head;
            if (served.Height > _options.MaxVerifyEntries)
            {
                throw TooLarge(peer, $"{served.Height} entries, more than the {_options.MaxVerifyEntries} one verify checks");
            }

            foreach (var entry in page.Entries)
            {
                if (entries.Count >= served.Height)
                {
                    break;
                }

                bytes += entry.Length;
                if (bytes > _options.MaxVerifyBytes)
                {
                    throw TooLarge(peer, $"more than the {_options.MaxVerifyBytes} bytes one verify holds");
                }

                entries.Add(entry);
            }

            if (entries.Count >= served.Height || page.Entries.Count == 0)
            {
                return (entries, served);
            }
        }
    }

    private static JournalFault? CheckServedHead(int count, JournalHead chain, JournalHead served)
    {
        if (count < served.Height)
        {
            return new JournalFault(
                count + 1,
                JournalFaultKind.HeadMismatch,
                $"it announced height {served.Height} (head {Short(served.HashHex)}) but served only {count} entries");
        }

        return chain.SameAs(served)
            ? null
            : new JournalFault(
                served.Height,
                JournalFaultKind.HeadMismatch,
                $"it announced head {Short(served.HashHex)} at height {served.Height} but its entries end at {Short(chain.HashHex)}");
    }

    private static JournalFault? CheckAnnouncedHead(List<ReadOnlyMemory<byte>> entries, JournalSummary? announced)
    {
        if (announced is null || announced.Head.Height == 0)
        {
            return null;
        }

        var height = announced.Head.Height;
        var expected = Short(announced.Head.HashHex);
        if (height > entries.Count)
        {
            return new JournalFault(
                entries.Count + 1,
                JournalFaultKind.HeadMismatch,
                $"its ledger entry announces height {height} (head {expected}) but it served only {entries.Count} entries");
        }

        var hash = JournalEntryCodec.Hash(entries[(int)(height - 1)].Span);
        return hash.AsSpan().SequenceEqual(announced.Head.Hash.Span)
            ? null
            : new JournalFault(
                height,
                JournalFaultKind.HeadMismatch,
                $"its ledger entry announces head {expected} at height {height} but the entry it served there hashes to {Short(Convert.ToHexStringLower(hash))}");
    }

    /// <summary>
    /// The given and used amounts a peer announces are claims its journal must back: summed over the entries up to the
    /// head it announced them with, they must come out the same (to rounding: the sums are floating point).
    /// </summary>
    private static JournalFault? CheckAnnouncedContribution(List<ReadOnlyMemory<byte>> entries, LedgerEntry peer)
    {
        if (peer.Journal is not { } announced || announced.Head.Height == 0 || announced.Head.Height > entries.Count)
        {
            return null;
        }

        var records = entries.Take((int)announced.Head.Height).Select(bytes =>
            JournalEntryCodec.TryRead(bytes, out var entry, out _) ? entry.Transaction.Record : throw new InvalidOperationException("a verified entry did not decode"));
        var summed = ContributionCalculator.Sum(records, peer.Peer);
        foreach (var (side, claimed, actual) in new[] { ("given", announced.Contribution.Given, summed.Given), ("used", announced.Contribution.Used, summed.Used) })
        {
            if (!Agrees(claimed, actual))
            {
                return new JournalFault(
                    announced.Head.Height,
                    JournalFaultKind.ContributionMismatch,
                    $"its ledger entry announces {side} {Describe(claimed)} at height {announced.Head.Height}, but its journal sums to {Describe(actual)}");
            }
        }

        return null;
    }

    private static bool Agrees(ResourceSeconds claimed, ResourceSeconds actual) =>
        claimed.Tasks == actual.Tasks && Close(claimed.CpuSeconds, actual.CpuSeconds) && Close(claimed.MemoryByteSeconds, actual.MemoryByteSeconds)
        && Close(claimed.GpuSeconds, actual.GpuSeconds);

    private static bool Close(double claimed, double actual) => Math.Abs(claimed - actual) <= 1e-6 + (1e-9 * Math.Max(Math.Abs(claimed), Math.Abs(actual)));

    private static string Describe(ResourceSeconds amount) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{amount.Tasks} tasks, {amount.CpuSeconds:0.###} CPU-s, {amount.GpuSeconds:0.###} GPU-s, {amount.MemoryByteSeconds:0} byte-s");

    private static JournalRequestException TooLarge(LedgerEntry peer, string what) =>
        new(JournalRequestError.TooLarge, $"the journal of {peer.Name} ({peer.Peer}) holds {what}; list it page by page with `mesh journal --peer {peer.Name} --from N`");

    private static string Short(string hex) => hex.Length <= ShortHashLength ? hex : hex[..ShortHashLength];
}
