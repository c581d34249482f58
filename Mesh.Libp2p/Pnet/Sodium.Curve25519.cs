using System.Runtime.InteropServices;

namespace Mesh.Libp2p.Pnet;

/// <summary>X25519 (RFC 7748) from libsodium; callers check <see cref="IsAvailable"/> first.</summary>
internal static partial class Sodium
{
    /// <summary>The X25519 public key of a 32-byte private key (libsodium clamps the scalar, as RFC 7748 §5 says).</summary>
    public static void ScalarMultBase(ReadOnlySpan<byte> privateKey, Span<byte> publicKey)
    {
        if (privateKey.Length != 32 || publicKey.Length < 32)
        {
            throw new ArgumentException("X25519 needs a 32-byte private key and 32 bytes of output.");
        }

        if (crypto_scalarmult_curve25519_base(publicKey, privateKey) != 0)
        {
            throw new InvalidOperationException("libsodium crypto_scalarmult_curve25519_base failed.");
        }
    }

    /// <summary>
    /// X25519 of a private key and a remote public key. False when libsodium refuses: the remote key is of small
    /// order or the result is all zeros (RFC 7748 §6.1 allows the check; Noise lets implementations reject it).
    /// </summary>
    public static bool TryScalarMult(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> remotePublicKey, Span<byte> sharedSecret)
    {
        if (privateKey.Length != 32 || remotePublicKey.Length != 32 || sharedSecret.Length < 32)
        {
            throw new ArgumentException("X25519 needs 32-byte keys and 32 bytes of output.");
        }

        return crypto_scalarmult_curve25519(sharedSecret, privateKey, remotePublicKey) == 0;
    }

    [LibraryImport(Library)]
    private static partial int crypto_scalarmult_curve25519_base(Span<byte> q, ReadOnlySpan<byte> n);

    [LibraryImport(Library)]
    private static partial int crypto_scalarmult_curve25519(Span<byte> q, ReadOnlySpan<byte> n, ReadOnlySpan<byte> p);
}
