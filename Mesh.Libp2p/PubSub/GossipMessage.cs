namespace Mesh.Libp2p.PubSub;

/// <summary>
/// A pubsub <c>Message</c> as it travels (wire notes §10.3). Null means the field is absent; an empty array means
/// present but empty, which matters because the signature covers the re-encoded fields 1 to 4 (§10.4).
/// </summary>
/// <param name="From">The author's raw peer id bytes.</param>
/// <param name="Data">The payload.</param>
/// <param name="Seqno">The sequence number: 8 bytes, big-endian, under StrictSign.</param>
/// <param name="Topic">The topic (a required field; an absent one decodes as empty).</param>
/// <param name="Signature">The author's signature over "libp2p-pubsub:" ‖ fields 1 to 4.</param>
/// <param name="Key">The author's public key protobuf; optional when <paramref name="From"/> inlines it.</param>
public sealed record GossipMessage(byte[]? From, byte[]? Data, byte[]? Seqno, string Topic, byte[]? Signature, byte[]? Key);
