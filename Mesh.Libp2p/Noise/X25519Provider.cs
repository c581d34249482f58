using Mesh.Libp2p.Pnet;

namespace Mesh.Libp2p.Noise;

/// <summary>
/// X25519 (RFC 7748) for the Noise handshake. <see cref="Default"/> is libsodium when it loads (native, 2 to 5 times
/// faster, see bench/README.md "Gossip") and BouncyCastle otherwise, chosen once per process; both clamp the private
/// key the same way and give the same bytes.
/// </summary>
internal abstract class X25519Provider
{
    /// <summary>BouncyCastle's managed implementation, always available.</summary>
    public static X25519Provider Managed { get; } = new ManagedX25519();

    /// <summary>libsodium's, or null when the native library cannot be loaded.</summary>
    public static X25519Provider? Native { get; } = Sodium.IsAvailable ? new SodiumX25519() : null;

    /// <summary>The implementation used unless a test injects another.</summary>
    public static X25519Provider Default { get; } = Native ?? Managed;

    /// <summary>Writes the 32-byte public key of a raw 32-byte private key (clamped inside, RFC 7748 §5).</summary>
    public abstract void GeneratePublicKey(ReadOnlySpan<byte> privateKey, Span<byte> publicKey);

    /// <summary>
    /// The 32-byte shared secret of a private key and a remote public key. False when it is all zeros (the remote
    /// key has small order), which Noise allows implementations to reject.
    /// </summary>
    public abstract bool TryAgree(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> remotePublicKey, Span<byte> sharedSecret);
}
