using Mesh.Core.Remote;
using Mesh.Libp2p.Identity;

namespace Mesh.Core.Journal.Audit;

public sealed partial class JournalWatch
{
    /// <summary>
    /// Fetches <paramref name="peer"/>'s entries from the verified head <paramref name="from"/> up to the announced head
    /// <paramref name="to"/> a page at a time, and checks each page as the continuation of the last: the entry at the
    /// verified height must hash to the verified hash, the rest must pass <see cref="JournalVerifier"/> with the peer as
    /// owner, and the entry at the announced height must hash to the announced hash. Memory stays at one page.
    /// </summary>
    /// <remarks>Duplicates are found within a page only (the verifier sees one page at a time).</remarks>
    private async Task<AuditOutcome> CheckAsync(PeerId peer, JournalHead from, JournalHead to, CancellationToken stop)
    {
        var reached = from;

        // Entry h0 is fetched too (unless h0 is 0) so that the peer proves it still holds the verified head.
        var anchorPending = from.Height > 0;
        var next = anchorPending ? from.Height : 1;
        while (reached.Height < to.Height)
        {
            var want = (int)Math.Min(_options.PageSize, to.Height - next + 1);
            JournalPage page;
            try
            {
                page = await _fetcher.FetchAsync(peer, next, want, stop).ConfigureAwait(false);
            }
            catch (Exception ex) when (reached.Height > from.Height && ex is PeerUnreachableException or JournalProtocolException)
            {
                // Pages already checked stay checked: the next audit goes on from there.
                return AuditOutcome.Deferred(reached, ex.Message);
            }

            if (page.Entries.Count == 0)
            {
                // It serves nothing from a height it announced: its chain is shorter than what it signed before.
                return AuditOutcome.Forked(reached,
                    $"it announced height {to.Height} but serves no entry from height {next} (its head now at {page.Head.Height}, {ShortHash(page.Head.Hash)})");
            }

            var entries = page.Entries;
            if (anchorPending)
            {
                var anchor = JournalEntryCodec.Hash(entries[0].Span);
                if (!anchor.AsSpan().SequenceEqual(from.Hash.Span))
                {
                    return AuditOutcome.Forked(reached,
                        $"the entry at height {from.Height} now hashes to {ShortHash(anchor)}, not {ShortHash(from.Hash)} as verified before");
                }

                anchorPending = false;
                entries = [.. entries.Skip(1)];
            }

            var verification = JournalVerifier.Verify(entries, reached, peer);
            if (verification.FirstFault is { } fault)
            {
                return AuditOutcome.Forked(reached, fault.Detail);
            }

            reached = verification.Head;
            next = reached.Height + 1;
        }

        // The page may run past the announced height only if asked to; it is not, so the last entry is the announced one.
        return reached.Height == to.Height && !reached.SameAs(to)
            ? AuditOutcome.Forked(from, $"the entry at height {to.Height} hashes to {ShortHash(reached.Hash)}, not {ShortHash(to.Hash)} as announced")
            : AuditOutcome.Verified(reached);
    }

    private static string ShortHash(ReadOnlyMemory<byte> hash) => Convert.ToHexStringLower(hash.Span)[..Math.Min(12, hash.Length * 2)];

    /// <summary>What an audit found: the head it reached, the fork it proved (null when none), why it stopped early (null when it did not).</summary>
    private sealed record AuditOutcome(JournalHead Reached, string? Problem, string? StoppedEarly)
    {
        public static AuditOutcome Verified(JournalHead reached) => new(reached, null, null);

        public static AuditOutcome Forked(JournalHead reached, string problem) => new(reached, problem, null);

        public static AuditOutcome Deferred(JournalHead reached, string reason) => new(reached, null, reason);
    }
}
