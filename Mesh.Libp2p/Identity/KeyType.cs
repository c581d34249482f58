namespace Mesh.Libp2p.Identity;

/// <summary>The key types of the libp2p key protobuf (peer-ids spec).</summary>
public enum KeyType
{
    /// <summary>RSA.</summary>
    Rsa = 0,

    /// <summary>Ed25519, the only type Mesh creates.</summary>
    Ed25519 = 1,

    /// <summary>secp256k1.</summary>
    Secp256k1 = 2,

    /// <summary>ECDSA.</summary>
    Ecdsa = 3,
}
