using System.Security.Cryptography;
using Mesh.Libp2p.Pnet;

namespace Mesh.Libp2p.Identity;

/// <summary>Ed25519 from libsodium (<c>crypto_sign_*</c>), used when it loads.</summary>
internal sealed class SodiumEd25519 : Ed25519Provider
{
    /// <inheritdoc/>
    public override void DerivePublicKey(ReadOnlySpan<byte> seed, Span<byte> publicKey)
    {
        Span<byte> secretKey = stackalloc byte[Sodium.Ed25519SecretKeyLength];
        Sodium.SignSeedKeyPair(seed, publicKey, secretKey);
        CryptographicOperations.ZeroMemory(secretKey);
    }

    /// <inheritdoc/>
    /// <remarks>libsodium's secret key is exactly seed ‖ public key, so the libp2p private key data is used as is.</remarks>
    public override void Sign(ReadOnlySpan<byte> seedAndPublicKey, ReadOnlySpan<byte> message, Span<byte> signature) =>
        Sodium.SignDetached(seedAndPublicKey, message, signature);

    /// <inheritdoc/>
    public override bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature) =>
        Sodium.VerifyDetached(publicKey, message, signature);
}
