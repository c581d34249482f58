using System.Security.Cryptography;
using Org.BouncyCastle.Math.EC.Rfc7748;

namespace Mesh.Libp2p.Noise;

/// <summary>
/// An X25519 key pair for the Noise static or ephemeral key. Production keys are fresh for every
/// connection (wire notes §8.1: the static key is never the identity key and is never persisted);
/// fixed keys are only injected to reproduce test vectors.
/// </summary>
internal sealed class NoiseKeyPair
{
    /// <summary>The length of an X25519 key and of a shared secret.</summary>
    public const int KeyLength = X25519.PointSize;

    private readonly byte[] _privateKey;
    private readonly byte[] _publicKey = new byte[KeyLength];

    /// <summary>Uses a raw 32-byte private key (X25519 clamps it internally).</summary>
    public NoiseKeyPair(ReadOnlySpan<byte> privateKey)
    {
        if (privateKey.Length != KeyLength)
        {
            throw new ArgumentException($"An X25519 private key is {KeyLength} bytes, not {privateKey.Length}.", nameof(privateKey));
        }

        _privateKey = privateKey.ToArray();
        X25519.GeneratePublicKey(_privateKey, _publicKey);
    }

    /// <summary>The public key.</summary>
    public ReadOnlySpan<byte> PublicKey => _publicKey;

    /// <summary>A new random key pair.</summary>
    public static NoiseKeyPair Generate()
    {
        Span<byte> privateKey = stackalloc byte[KeyLength];
        RandomNumberGenerator.Fill(privateKey);
        var pair = new NoiseKeyPair(privateKey);
        CryptographicOperations.ZeroMemory(privateKey);
        return pair;
    }

    /// <summary>
    /// X25519 with the remote public key. False when the result is all zeros (the remote sent a low-order point),
    /// which Noise allows implementations to reject.
    /// </summary>
    public bool TryAgree(ReadOnlySpan<byte> remotePublicKey, Span<byte> sharedSecret) =>
        remotePublicKey.Length == KeyLength && X25519.CalculateAgreement(_privateKey, remotePublicKey, sharedSecret);

    /// <summary>Clears the private key.</summary>
    public void Clear() => CryptographicOperations.ZeroMemory(_privateKey);
}
