namespace Mesh.Core.Ledger;

/// <summary>One row of a <see cref="PeerTableSnapshot"/>: a peer's newest entry and what this node knows about it.</summary>
/// <param name="Entry">The newest accepted entry (for this node: the one it issued last).</param>
/// <param name="LastSeen">When this node last accepted an entry from the peer, by this node's clock (for this node: when it issued its entry).</param>
/// <param name="Rank">Its rank by score, 1 being the fastest; equal scores share a rank; unmeasured peers (score 0) rank after every measured one.</param>
/// <param name="IsSelf">True for this node's own row.</param>
public sealed record LedgerPeer(LedgerEntry Entry, DateTimeOffset LastSeen, int Rank, bool IsSelf);
