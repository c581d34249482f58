namespace Mesh.Libp2p.Encoding;

/// <summary>Outcome of reading a varint.</summary>
public enum VarintResult
{
    /// <summary>A complete, valid varint was read.</summary>
    Ok,

    /// <summary>The input ended inside the varint; read more and try again.</summary>
    NeedMore,

    /// <summary>The bytes are not a valid minimal varint of at most 9 bytes.</summary>
    Invalid,
}
