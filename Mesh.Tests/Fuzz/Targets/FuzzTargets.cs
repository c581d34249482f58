namespace Mesh.Tests.Fuzz.Targets;

/// <summary>
/// Every decoder of bytes that come from the network or disk, as a fuzz target. This file is compiled into both
/// Mesh.Tests (the in-process corpus regression tests) and fuzz/Mesh.Fuzz (the AFL harness), so both run the same code.
/// </summary>
internal static class FuzzTargets
{
    /// <summary>All targets, in the order <c>scripts/fuzz.sh</c> runs them.</summary>
    public static IReadOnlyList<FuzzTarget> All { get; } =
    [
        new("multistream", "multistream-select messages: uvarint length, UTF-8 text, newline", MultistreamFuzzTarget.Run),
        new("noise", "Noise frames (u16 length) and the libp2p handshake payload protobuf in each", NoiseFuzzTarget.Run),
        new("yamux", "yamux frames: 12-byte header and data payload", YamuxFuzzTarget.Run),
        new("identify", "identify message protobuf (and the multiaddrs and public key in it)", IdentifyFuzzTarget.Run),
        new("gossipsub", "gossipsub RPC protobuf: subscriptions, messages, control", GossipsubFuzzTarget.Run),
        new("mdns", "mDNS/DNS packets and the dnsaddr multiaddrs of their TXT records", MdnsFuzzTarget.Run),
        new("ledger", "ledger entry envelope (MessagePack, signed)", LedgerFuzzTarget.Run),
        new("taskwire", "task protocol frames (uvarint length, MessagePack message)", TaskWireFuzzTarget.Run),
        new("journal", "journal entry and compute record (MessagePack, signed twice)", JournalFuzzTarget.Run),
        new("journalfetch", "journal protocol request and answer frames (uvarint length, MessagePack map)", JournalFetchFuzzTarget.Run),
        new("swarmkey", "swarm.key file text (pre-shared key)", SwarmKeyFuzzTarget.Run),
        new("nodeconfig", "mesh-node JSON config file, read and applied as the node does", NodeConfigFuzzTarget.Run),
    ];

    /// <summary>The target named <paramref name="name"/>, or null.</summary>
    public static FuzzTarget? Find(string name) => All.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.Ordinal));
}
