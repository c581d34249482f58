namespace Mesh.Libp2p.PubSub;

/// <summary>The control part of an RPC (wire notes §10.3). IDONTWANT (v1.2) is not spoken and is skipped when decoding.</summary>
/// <param name="IHave">IHAVE entries.</param>
/// <param name="IWant">IWANT entries.</param>
/// <param name="Graft">GRAFT entries.</param>
/// <param name="Prune">PRUNE entries.</param>
public sealed record ControlMessage(
    IReadOnlyList<ControlIHave> IHave,
    IReadOnlyList<ControlIWant> IWant,
    IReadOnlyList<ControlGraft> Graft,
    IReadOnlyList<ControlPrune> Prune)
{
    /// <summary>True when the message has no entries at all.</summary>
    public bool IsEmpty => IHave.Count == 0 && IWant.Count == 0 && Graft.Count == 0 && Prune.Count == 0;
}
