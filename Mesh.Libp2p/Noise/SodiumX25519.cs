using Mesh.Libp2p.Pnet;

namespace Mesh.Libp2p.Noise;

/// <summary>X25519 from libsodium (<c>crypto_scalarmult_curve25519</c>), used when it loads.</summary>
internal sealed class SodiumX25519 : X25519Provider
{
    /// <inheritdoc/>
    public override void GeneratePublicKey(ReadOnlySpan<byte> privateKey, Span<byte> publicKey) =>
        Sodium.ScalarMultBase(privateKey, publicKey);

    /// <inheritdoc/>
    public override bool TryAgree(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> remotePublicKey, Span<byte> sharedSecret)
    {
        // libsodium refuses small-order remote keys and all-zero results with -1, where BouncyCastle returns false:
        // both reject exactly the keys whose shared secret would be all zeros. Clear the output either way.
        if (Sodium.TryScalarMult(privateKey, remotePublicKey, sharedSecret))
        {
            return true;
        }

        sharedSecret[..NoiseKeyPair.KeyLength].Clear();
        return false;
    }
}
