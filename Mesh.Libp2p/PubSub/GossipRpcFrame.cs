using System.Buffers;
using Mesh.Libp2p.Encoding;

namespace Mesh.Libp2p.PubSub;

/// <summary>Reads <c>uvarint(len) ‖ RPC</c> frames (wire notes §10.2) as a pure function over received bytes.</summary>
public static class GossipRpcFrame
{
    /// <summary>
    /// Reads one frame from the start of <paramref name="buffer"/>. The length is checked against
    /// <see cref="GossipRpcLimits.MaxRpcSize"/> before waiting for the body.
    /// </summary>
    /// <param name="buffer">The bytes received so far; advanced past the frame on Ok and Malformed.</param>
    /// <param name="limits">The decode limits.</param>
    /// <param name="rpc">The RPC on <see cref="GossipFrameResult.Ok"/>.</param>
    /// <param name="declaredLength">On <see cref="GossipFrameResult.TooLarge"/>, the declared body length and
    /// <paramref name="prefixLength"/> its prefix size, so a caller can discard the frame as it streams by.</param>
    /// <param name="prefixLength">The length prefix's size in bytes, when known.</param>
    public static GossipFrameResult TryRead(
        ref ReadOnlySequence<byte> buffer,
        GossipRpcLimits limits,
        out GossipRpc? rpc,
        out ulong declaredLength,
        out int prefixLength)
    {
        rpc = null;
        declaredLength = 0;
        prefixLength = 0;
        switch (LengthPrefixed.TryRead(ref buffer, limits.MaxRpcSize, out var payload))
        {
            case LengthPrefixedResult.NeedMore:
                return GossipFrameResult.NeedMore;
            case LengthPrefixedResult.Invalid:
                return GossipFrameResult.InvalidLength;
            case LengthPrefixedResult.TooLarge:
                Varint.TryRead(buffer, out declaredLength, out prefixLength);
                return GossipFrameResult.TooLarge;
        }

        var bytes = payload.IsSingleSegment ? payload.FirstSpan : payload.ToArray();
        return GossipRpcDecoder.TryDecode(bytes, limits, out rpc) ? GossipFrameResult.Ok : GossipFrameResult.Malformed;
    }
}
