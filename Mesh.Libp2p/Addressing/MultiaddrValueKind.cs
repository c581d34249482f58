namespace Mesh.Libp2p.Addressing;

/// <summary>How a multiaddr protocol's value is laid out in the binary form (wire notes §4.1).</summary>
public enum MultiaddrValueKind
{
    /// <summary>The protocol carries no value (<c>/p2p-circuit</c>, <c>/noise</c>, <c>/ws</c>…).</summary>
    None,

    /// <summary>A value of a fixed number of raw bytes (<c>/ip4</c> 4, <c>/ip6</c> 16, ports 2).</summary>
    FixedSize,

    /// <summary>A value prefixed by its length as an unsigned varint (<c>/dns4</c>, <c>/p2p</c>…).</summary>
    VariableSize,
}
