using Mesh.Core.Control;
using Mesh.Core.Journal;
using Mesh.Core.Ledger;
using Mesh.Core.Remote;
using Mesh.Libp2p.Identity;

namespace Mesh.Node;

/// <summary>
/// The journal side of the control API: this node's journal read from disk, another peer's fetched over
/// <c>/mesh/journal/1.0.0</c> (docs/control-api.md, "Journal"). A verify of another peer fetches its whole journal
/// (within <see cref="JournalControlOptions"/>), checks every link and signature, that the chain ends at the head it
/// served, and that it holds the head the peer announced in its ledger entry.
/// </summary>
public sealed partial class JournalControl : IJournalControl
{
    private readonly IComputeJournal _journal;
    private readonly IJournalFetcher _fetcher;
    private readonly Func<PeerTableSnapshot> _peers;
    private readonly string _selfName;
    private readonly JournalControlOptions _options;
    private readonly TimeProvider _time;

    /// <summary>Creates the control.</summary>
    /// <param name="journal">This node's journal.</param>
    /// <param name="fetcher">Fetches other peers' journals.</param>
    /// <param name="peers">The peer table now (<c>ledger.Table.Snapshot</c>): names, and the heads peers announce.</param>
    /// <param name="selfName">This node's name.</param>
    /// <param name="options">Limits; null for the defaults.</param>
    /// <param name="time">The clock that ages transactions for <see cref="JournalControlOptions.OmissionGrace"/>; null for the system's.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is invalid.</exception>
    public JournalControl(
        IComputeJournal journal, IJournalFetcher fetcher, Func<PeerTableSnapshot> peers, string selfName, JournalControlOptions? options = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(fetcher);
        ArgumentNullException.ThrowIfNull(peers);
        ArgumentNullException.ThrowIfNull(selfName);
        _options = options ?? new JournalControlOptions();
        _options.Validate();
        _journal = journal;
        _fetcher = fetcher;
        _peers = peers;
        _selfName = selfName;
        _time = time ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public async Task<JournalListView> ListJournalAsync(string? peer, long from, int limit, CancellationToken cancellationToken = default)
    {
        if (from < 1)
        {
            throw new JournalRequestException($"from {from} must be a height of at least 1");
        }

        if (limit is < 1 or > 1024)
        {
            throw new JournalRequestException($"limit {limit} must be from 1 to 1024");
        }

        var target = Resolve(peer);
        if (target is null)
        {
            var head = _journal.Head;
            return ListView(_journal.Owner, _selfName, head, _journal.ReadRaw(from, limit));
        }

        var page = await FetchAsync(target, from, limit, cancellationToken).ConfigureAwait(false);
        return ListView(target.Entry.Peer, target.Entry.Name, page.Head, page.Entries);
    }

    /// <inheritdoc />
    public Task<JournalVerifyView> VerifyJournalAsync(string? peer, CancellationToken cancellationToken = default)
    {
        var target = Resolve(peer);
        return target is null
            ? Task.FromResult(VerifyView(_journal.Owner, _selfName, _journal.Verify()))
            : VerifyRemoteAsync(target, cancellationToken);
    }

    /// <summary>
    /// The peer a request names: null for this node (no peer, or its own id or name); otherwise the one row whose id
    /// is <paramref name="peer"/>, or the only other row going by that name.
    /// </summary>
    /// <exception cref="JournalRequestException">No row has that id or name, or several share the name.</exception>
    internal LedgerPeer? Resolve(string? peer)
    {
        if (peer is null || peer == _journal.Owner.ToString() || peer == _selfName)
        {
            return null;
        }

        var rows = _peers().Peers;
        if (rows.FirstOrDefault(p => p.Entry.Peer.ToString() == peer) is { } byId)
        {
            return byId.IsSelf ? null : byId;
        }

        var named = rows.Where(p => !p.IsSelf && p.Entry.Name == peer).ToList();
        return named.Count switch
        {
            1 => named[0],
            0 => throw new JournalRequestException(
                JournalRequestError.UnknownPeer, $"unknown peer '{peer}': no peer in this node's peer table has that id or name (see `mesh peers`)"),
            _ => throw new JournalRequestException(
                JournalRequestError.UnknownPeer,
                $"peer name '{peer}' is ambiguous: {string.Join(", ", named.Select(p => p.Entry.Peer.ToString()))} go by it; give the id"),
        };
    }

    private async Task<JournalPage> FetchAsync(LedgerPeer target, long from, int limit, CancellationToken cancellationToken)
    {
        var entry = target.Entry;
        try
        {
            return await _fetcher.FetchAsync(entry.Peer, from, limit, cancellationToken).ConfigureAwait(false);
        }
        catch (PeerUnreachableException ex)
        {
            throw new JournalRequestException(JournalRequestError.Unreachable, $"cannot fetch the journal of {entry.Name} ({entry.Peer}): {OneLine(ex.Message)}", ex);
        }
        catch (JournalProtocolException ex)
        {
            throw new JournalRequestException(
                JournalRequestError.Unreachable, $"{entry.Name} ({entry.Peer}) answered the journal request badly: {OneLine(ex.Message)}", ex);
        }
    }

    private static JournalListView ListView(PeerId owner, string name, JournalHead head, IReadOnlyList<ReadOnlyMemory<byte>> raw)
    {
        // An entry that does not decode ends the page: what follows cannot be placed, and `verify` names the fault.
        var entries = new List<JournalEntryView>(raw.Count);
        foreach (var bytes in raw)
        {
            if (!JournalEntryCodec.TryRead(bytes, out var entry, out _))
            {
                break;
            }

            entries.Add(JournalViews.ToEntryView(entry));
        }

        return new JournalListView { Peer = owner.ToString(), Name = name, Height = head.Height, Head = head.HashHex, Entries = entries };
    }

    private static JournalVerifyView VerifyView(PeerId owner, string name, JournalVerification verification) => new()
    {
        Peer = owner.ToString(),
        Name = name,
        Ok = verification.Ok,
        Entries = verification.Entries,
        Height = verification.Head.Height,
        Head = verification.Head.HashHex,
        FirstBad = verification.FirstFault is { } fault ? JournalViews.ToFaultView(fault) : null,
    };

    private static string OneLine(string text)
    {
        var end = text.AsSpan().IndexOfAny('\r', '\n');
        return end < 0 ? text : text[..end];
    }
}
