using System.Security.Cryptography;
using Org.BouncyCastle.Math.EC.Rfc8032;

namespace Mesh.Libp2p.Identity;

/// <summary>Ed25519 from BouncyCastle: the fallback where libsodium cannot be loaded.</summary>
internal sealed class ManagedEd25519 : Ed25519Provider
{
    /// <inheritdoc/>
    public override void DerivePublicKey(ReadOnlySpan<byte> seed, Span<byte> publicKey)
    {
        var key = new byte[KeyLength];
        Ed25519.GeneratePublicKey(seed.ToArray(), 0, key, 0);
        key.CopyTo(publicKey);
    }

    /// <inheritdoc/>
    public override void Sign(ReadOnlySpan<byte> seedAndPublicKey, ReadOnlySpan<byte> message, Span<byte> signature)
    {
        // Passing the public key spares BouncyCastle deriving it again (a scalar multiplication) for every signature.
        var keys = seedAndPublicKey.ToArray();
        var result = new byte[SignatureLength];
        Ed25519.Sign(keys, 0, keys, KeyLength, message.ToArray(), 0, message.Length, result, 0);
        result.CopyTo(signature);
        CryptographicOperations.ZeroMemory(keys);
    }

    /// <inheritdoc/>
    public override bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature) =>
        publicKey.Length == KeyLength
        && signature.Length == SignatureLength
        && Ed25519.Verify(signature.ToArray(), 0, publicKey.ToArray(), 0, message.ToArray(), 0, message.Length);
}
