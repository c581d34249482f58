using Mesh.Libp2p.Pnet;

namespace Mesh.Libp2p.Identity;

/// <summary>
/// Ed25519 (RFC 8032, pure) for identities: Noise's signature over the static key, gossipsub message signatures,
/// signed peer records. <see cref="Default"/> is libsodium when it loads (native, 2 to 5 times faster, see
/// bench/README.md "Gossip") and BouncyCastle otherwise, chosen once per process. Both make the same (deterministic)
/// signatures and accept every honest one; on crafted edge cases (small-order R or public key) libsodium is stricter.
/// </summary>
internal abstract class Ed25519Provider
{
    /// <summary>The length of a seed, a public key and a signature's halves.</summary>
    public const int KeyLength = 32;

    /// <summary>The length of a signature.</summary>
    public const int SignatureLength = 64;

    /// <summary>BouncyCastle's managed implementation, always available.</summary>
    public static Ed25519Provider Managed { get; } = new ManagedEd25519();

    /// <summary>libsodium's, or null when the native library cannot be loaded.</summary>
    public static Ed25519Provider? Native { get; } = Sodium.IsAvailable ? new SodiumEd25519() : null;

    /// <summary>The implementation used unless a test injects another.</summary>
    public static Ed25519Provider Default { get; } = Native ?? Managed;

    /// <summary>Writes the 32-byte public key of a 32-byte seed.</summary>
    public abstract void DerivePublicKey(ReadOnlySpan<byte> seed, Span<byte> publicKey);

    /// <summary>Signs <paramref name="message"/> into 64 bytes of <paramref name="signature"/>.</summary>
    /// <param name="seedAndPublicKey">The seed followed by its public key (64 bytes; the libp2p private key data).</param>
    /// <param name="message">The message, signed as is (no prehash, no context).</param>
    /// <param name="signature">Receives the signature.</param>
    public abstract void Sign(ReadOnlySpan<byte> seedAndPublicKey, ReadOnlySpan<byte> message, Span<byte> signature);

    /// <summary>True when <paramref name="signature"/> is a valid signature of <paramref name="message"/> by <paramref name="publicKey"/>.</summary>
    public abstract bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature);
}
