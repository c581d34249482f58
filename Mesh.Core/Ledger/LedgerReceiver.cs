using System.Buffers;
using Mesh.Libp2p.Identity;

namespace Mesh.Core.Ledger;

/// <summary>
/// The validation rules on receipt (docs/protocol.md, "Ledger"): decode and verify the signature, require the
/// entry's peer to be the gossip author, refuse entries issued too long ago or in the future, then let the table
/// refuse stale versions. Every outcome is counted in <see cref="LedgerStatistics"/>.
/// </summary>
public sealed class LedgerReceiver
{
    private readonly PeerTable _table;
    private readonly LedgerOptions _options;
    private readonly LedgerStatistics _statistics;
    private readonly TimeProvider _time;

    /// <summary>Creates a receiver feeding <paramref name="table"/>.</summary>
    public LedgerReceiver(PeerTable table, LedgerOptions options, LedgerStatistics statistics, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(statistics);
        options.Validate();
        _table = table;
        _options = options;
        _statistics = statistics;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Handles one message whose gossip author (verified by the router) is <paramref name="author"/>.</summary>
    public LedgerReceipt Receive(PeerId author, ReadOnlyMemory<byte> data)
    {
        ArgumentNullException.ThrowIfNull(author);
        var receipt = Evaluate(author, data);
        _statistics.Received(receipt.Result);
        return receipt;
    }

    private LedgerReceipt Evaluate(PeerId author, ReadOnlyMemory<byte> data)
    {
        var decoded = LedgerEntryCodec.TryDecode(new ReadOnlySequence<byte>(data), _options.Limits);
        if (!decoded.IsOk)
        {
            return new LedgerReceipt(ResultOf(decoded.Status), null, false, decoded.Reason);
        }

        var entry = decoded.Entry!;

        // Only the author may speak for itself: a valid entry of peer X relayed as a new message by Y is refused,
        // so nobody can re-publish someone else's (old) entry under their own signature.
        if (entry.Peer != author)
        {
            return new LedgerReceipt(LedgerReceiveResult.AuthorMismatch, entry, false, $"entry of {entry.Peer} published by {author}");
        }

        var now = _time.GetUtcNow();
        if (entry.IssuedAt < now - _options.ExpireAfter - _options.MaxClockSkew)
        {
            return new LedgerReceipt(LedgerReceiveResult.TooOld, entry, false, $"issued at {entry.IssuedAt:O}, before the expiry window");
        }

        if (entry.IssuedAt > now + _options.MaxClockSkew)
        {
            return new LedgerReceipt(LedgerReceiveResult.FromFuture, entry, false, $"issued at {entry.IssuedAt:O}, beyond the clock-skew allowance");
        }

        var result = _table.Apply(entry, out var isNewPeer);
        var reason = result switch
        {
            LedgerReceiveResult.Accepted => null,
            LedgerReceiveResult.Stale => $"version {entry.Version} is not newer than the one held",
            LedgerReceiveResult.TableFull => $"the table holds {_options.MaxPeers} peers",
            _ => "this node's own entry",
        };
        return new LedgerReceipt(result, entry, isNewPeer, reason);
    }

    private static LedgerReceiveResult ResultOf(LedgerDecodeStatus status) => status switch
    {
        LedgerDecodeStatus.TooLarge => LedgerReceiveResult.TooLarge,
        LedgerDecodeStatus.UnsupportedVersion => LedgerReceiveResult.UnsupportedVersion,
        LedgerDecodeStatus.BadSignature => LedgerReceiveResult.BadSignature,
        _ => LedgerReceiveResult.Malformed,
    };
}
