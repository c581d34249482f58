namespace Mesh.Libp2p.Encoding;

/// <summary>Outcome of reading one <c>uvarint(len) ‖ payload</c> frame.</summary>
public enum LengthPrefixedResult
{
    /// <summary>A complete frame was read.</summary>
    Ok,

    /// <summary>The input ends inside the frame; read more and try again.</summary>
    NeedMore,

    /// <summary>The bytes cannot be a frame (a bad length varint, or a malformed payload where the reader checks one).</summary>
    Invalid,

    /// <summary>The declared length is over the maximum; nothing was buffered for it.</summary>
    TooLarge,
}
