namespace Mesh.Core.Control;

/// <summary>
/// The journal side of the control API (docs/control-api.md, "Journal"): this node's journal, or another peer's
/// fetched over <c>/mesh/journal/1.0.0</c> and checked. The node implements it, the control server exposes it, tests
/// fake it.
/// </summary>
public interface IJournalControl
{
    /// <summary><c>GET /v1/journal?peer=&amp;from=&amp;limit=</c>: entries from height <paramref name="from"/> on, at most <paramref name="limit"/>.</summary>
    /// <param name="peer">A peer id or name; null (or this node's own id or name) for this node.</param>
    /// <param name="from">The first height (1-based).</param>
    /// <param name="limit">The most entries (1 to 1024).</param>
    /// <param name="cancellationToken">Ends the request.</param>
    /// <exception cref="JournalRequestException">A bad value, an unknown or ambiguous peer, or an unreachable one.</exception>
    Task<JournalListView> ListJournalAsync(string? peer, long from, int limit, CancellationToken cancellationToken = default);

    /// <summary><c>GET /v1/journal/verify?peer=</c>: checks the whole journal (every link, both signatures of every entry).</summary>
    /// <param name="peer">A peer id or name; null (or this node's own id or name) for this node.</param>
    /// <param name="cancellationToken">Ends the request.</param>
    /// <exception cref="JournalRequestException">An unknown or ambiguous peer, or an unreachable one.</exception>
    Task<JournalVerifyView> VerifyJournalAsync(string? peer, CancellationToken cancellationToken = default);
}
