using Mesh.Libp2p.Identity;

namespace Mesh.Libp2p.PubSub;

/// <summary>Message id functions (wire notes §10.5).</summary>
public static class MessageIds
{
    /// <summary>
    /// js-libp2p's StrictSign id, used by this router: the author's PublicKey protobuf ‖ the 8-byte seqno.
    /// IHAVE/IWANT ids must match js's or js counts broken promises against us.
    /// </summary>
    public static byte[] JsStrictSign(PublicKey author, ReadOnlySpan<byte> seqno) => [.. author.ToProtobuf(), .. seqno];

    /// <summary>go-libp2p-pubsub's default id, <c>from ‖ seqno</c>; for reference and tests only.</summary>
    public static byte[] FromAndSeqno(ReadOnlySpan<byte> from, ReadOnlySpan<byte> seqno) => [.. from, .. seqno];
}
