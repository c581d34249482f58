using System.Security.Cryptography;

namespace Mesh.Libp2p.Noise;

/// <summary>
/// An X25519 key pair for the Noise static or ephemeral key. Ephemeral keys are fresh for every connection; the
/// static key is one per identity and process (<see cref="NoiseLocalStatic"/>; wire notes §8.1: it is never the
/// identity key and is never persisted). Fixed keys are only injected to reproduce test vectors.
/// </summary>
internal sealed class NoiseKeyPair
{
    /// <summary>The length of an X25519 key and of a shared secret.</summary>
    public const int KeyLength = 32;

    private readonly byte[] _privateKey;
    private readonly byte[] _publicKey = new byte[KeyLength];
    private readonly X25519Provider _x25519;

    /// <summary>Uses a raw 32-byte private key (X25519 clamps it internally).</summary>
    /// <param name="privateKey">The raw private key.</param>
    /// <param name="x25519">The implementation; <see cref="X25519Provider.Default"/> when null.</param>
    public NoiseKeyPair(ReadOnlySpan<byte> privateKey, X25519Provider? x25519 = null)
    {
        if (privateKey.Length != KeyLength)
        {
            throw new ArgumentException($"An X25519 private key is {KeyLength} bytes, not {privateKey.Length}.", nameof(privateKey));
        }

        _x25519 = x25519 ?? X25519Provider.Default;
        _privateKey = privateKey.ToArray();
        _x25519.GeneratePublicKey(_privateKey, _publicKey);
    }

    /// <summary>The public key.</summary>
    public ReadOnlySpan<byte> PublicKey => _publicKey;

    /// <summary>A new random key pair.</summary>
    public static NoiseKeyPair Generate(X25519Provider? x25519 = null)
    {
        Span<byte> privateKey = stackalloc byte[KeyLength];
        RandomNumberGenerator.Fill(privateKey);
        var pair = new NoiseKeyPair(privateKey, x25519);
        CryptographicOperations.ZeroMemory(privateKey);
        return pair;
    }

    /// <summary>
    /// X25519 with the remote public key. False when the result is all zeros (the remote sent a low-order point),
    /// which Noise allows implementations to reject.
    /// </summary>
    public bool TryAgree(ReadOnlySpan<byte> remotePublicKey, Span<byte> sharedSecret) =>
        remotePublicKey.Length == KeyLength && _x25519.TryAgree(_privateKey, remotePublicKey, sharedSecret);

    /// <summary>Clears the private key.</summary>
    public void Clear() => CryptographicOperations.ZeroMemory(_privateKey);
}
