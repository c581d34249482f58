namespace Mesh.Libp2p.PubSub;

/// <summary>Outcome of reading one length-prefixed RPC frame.</summary>
public enum GossipFrameResult
{
    /// <summary>A frame was read and decoded; the buffer is advanced past it.</summary>
    Ok,

    /// <summary>The input ends inside the frame; nothing was consumed.</summary>
    NeedMore,

    /// <summary>A complete frame was read but is not a valid RPC (or breaks a list limit); the buffer is advanced past it.</summary>
    Malformed,

    /// <summary>The declared length is over <see cref="GossipRpcLimits.MaxRpcSize"/>; nothing was consumed or buffered.</summary>
    TooLarge,

    /// <summary>The length prefix is not a valid varint; the stream cannot be resynchronised.</summary>
    InvalidLength,
}
