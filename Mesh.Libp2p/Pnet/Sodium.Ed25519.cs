using System.Runtime.InteropServices;

namespace Mesh.Libp2p.Pnet;

/// <summary>Ed25519 (RFC 8032, pure, no context) from libsodium; callers check <see cref="IsAvailable"/> first.</summary>
internal static partial class Sodium
{
    /// <summary>The length of libsodium's Ed25519 secret key: seed ‖ public key.</summary>
    public const int Ed25519SecretKeyLength = 64;

    /// <summary>Derives the public key and libsodium's 64-byte secret key (seed ‖ public key) from a 32-byte seed.</summary>
    public static void SignSeedKeyPair(ReadOnlySpan<byte> seed, Span<byte> publicKey, Span<byte> secretKey)
    {
        if (seed.Length != 32 || publicKey.Length < 32 || secretKey.Length < Ed25519SecretKeyLength)
        {
            throw new ArgumentException("Ed25519 needs a 32-byte seed, 32 bytes for the public key and 64 for the secret key.");
        }

        if (crypto_sign_seed_keypair(publicKey, secretKey, seed) != 0)
        {
            throw new InvalidOperationException("libsodium crypto_sign_seed_keypair failed.");
        }
    }

    /// <summary>Signs <paramref name="message"/> with a 64-byte secret key from <see cref="SignSeedKeyPair"/>.</summary>
    public static void SignDetached(ReadOnlySpan<byte> secretKey, ReadOnlySpan<byte> message, Span<byte> signature)
    {
        if (secretKey.Length != Ed25519SecretKeyLength || signature.Length < 64)
        {
            throw new ArgumentException("Ed25519 signing needs a 64-byte secret key and 64 bytes of output.");
        }

        if (crypto_sign_detached(signature, IntPtr.Zero, message, (ulong)message.Length, secretKey) != 0)
        {
            throw new InvalidOperationException("libsodium crypto_sign_detached failed.");
        }
    }

    /// <summary>
    /// True when <paramref name="signature"/> is a valid signature of <paramref name="message"/> by <paramref name="publicKey"/>.
    /// libsodium also refuses non-canonical encodings and small-order keys and R values, which no honest signer produces.
    /// </summary>
    public static bool VerifyDetached(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature) =>
        publicKey.Length == 32
        && signature.Length == 64
        && crypto_sign_verify_detached(signature, message, (ulong)message.Length, publicKey) == 0;

    [LibraryImport(Library)]
    private static partial int crypto_sign_seed_keypair(Span<byte> pk, Span<byte> sk, ReadOnlySpan<byte> seed);

    [LibraryImport(Library)]
    private static partial int crypto_sign_detached(Span<byte> sig, IntPtr siglen, ReadOnlySpan<byte> m, ulong mlen, ReadOnlySpan<byte> sk);

    [LibraryImport(Library)]
    private static partial int crypto_sign_verify_detached(ReadOnlySpan<byte> sig, ReadOnlySpan<byte> m, ulong mlen, ReadOnlySpan<byte> pk);
}
