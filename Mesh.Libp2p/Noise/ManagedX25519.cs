using Org.BouncyCastle.Math.EC.Rfc7748;

namespace Mesh.Libp2p.Noise;

/// <summary>X25519 from BouncyCastle: the fallback where libsodium cannot be loaded.</summary>
internal sealed class ManagedX25519 : X25519Provider
{
    /// <inheritdoc/>
    public override void GeneratePublicKey(ReadOnlySpan<byte> privateKey, Span<byte> publicKey) =>
        X25519.GeneratePublicKey(privateKey, publicKey);

    /// <inheritdoc/>
    public override bool TryAgree(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> remotePublicKey, Span<byte> sharedSecret) =>
        X25519.CalculateAgreement(privateKey, remotePublicKey, sharedSecret);
}
