namespace Mesh.Libp2p.Protocols.Identify;

/// <summary>
/// The identify message (wire notes §9.1). Addresses stay binary multiaddrs and the key stays the
/// PublicKey protobuf: the host converts and checks them. A null or empty field means "not sent".
/// </summary>
public sealed partial class IdentifyMessage
{
    /// <summary>Field 1: the sender's PublicKey protobuf (wire notes §3.1). js requires it.</summary>
    public byte[]? PublicKey { get; init; }

    /// <summary>Field 2: the addresses the sender listens on, as binary multiaddrs.</summary>
    public IReadOnlyList<byte[]> ListenAddrs { get; init; } = [];

    /// <summary>Field 3: the protocols the sender accepts inbound streams for.</summary>
    public IReadOnlyList<string> Protocols { get; init; } = [];

    /// <summary>Field 4: the receiver's address as the sender sees it, as a binary multiaddr.</summary>
    public byte[]? ObservedAddr { get; init; }

    /// <summary>Field 5: the protocol version, "ipfs/0.1.0" in js.</summary>
    public string? ProtocolVersion { get; init; }

    /// <summary>Field 6: free text "name/version".</summary>
    public string? AgentVersion { get; init; }

    /// <summary>Field 8: a signed peer record envelope.</summary>
    public byte[]? SignedPeerRecord { get; init; }

    /// <summary>
    /// Applies an identify push to what was known (wire notes §9.1): a field the push leaves out, or a list
    /// it sends empty, is unchanged; anything it sends replaces the old value.
    /// </summary>
    public static IdentifyMessage Merge(IdentifyMessage existing, IdentifyMessage push) => new()
    {
        PublicKey = push.PublicKey ?? existing.PublicKey,
        ListenAddrs = push.ListenAddrs.Count > 0 ? push.ListenAddrs : existing.ListenAddrs,
        Protocols = push.Protocols.Count > 0 ? push.Protocols : existing.Protocols,
        ObservedAddr = push.ObservedAddr ?? existing.ObservedAddr,
        ProtocolVersion = push.ProtocolVersion ?? existing.ProtocolVersion,
        AgentVersion = push.AgentVersion ?? existing.AgentVersion,
        SignedPeerRecord = push.SignedPeerRecord ?? existing.SignedPeerRecord,
    };

    /// <summary>
    /// Joins the parts of one identify response that the sender split into several messages, as protobuf
    /// joins concatenated messages: lists are appended, and a single field in <paramref name="next"/> wins.
    /// </summary>
    public static IdentifyMessage Concatenate(IdentifyMessage first, IdentifyMessage next) => new()
    {
        PublicKey = next.PublicKey ?? first.PublicKey,
        ListenAddrs = [.. first.ListenAddrs, .. next.ListenAddrs],
        Protocols = [.. first.Protocols, .. next.Protocols],
        ObservedAddr = next.ObservedAddr ?? first.ObservedAddr,
        ProtocolVersion = next.ProtocolVersion ?? first.ProtocolVersion,
        AgentVersion = next.AgentVersion ?? first.AgentVersion,
        SignedPeerRecord = next.SignedPeerRecord ?? first.SignedPeerRecord,
    };
}
