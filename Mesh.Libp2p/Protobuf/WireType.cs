namespace Mesh.Libp2p.Protobuf;

/// <summary>Protobuf wire types (the low three bits of a field tag).</summary>
public enum WireType
{
    /// <summary>A varint.</summary>
    Varint = 0,

    /// <summary>Eight little-endian bytes.</summary>
    Fixed64 = 1,

    /// <summary>A varint length, then that many bytes.</summary>
    LengthDelimited = 2,

    /// <summary>Four little-endian bytes.</summary>
    Fixed32 = 5,
}
