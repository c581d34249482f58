using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Mesh.Libp2p.Noise;

/// <summary>
/// A Noise CipherState for ChaChaPoly: a key and a 64-bit counter nonce (Noise spec §5.1, wire notes §8.1).
/// The 96-bit AEAD nonce is 4 zero bytes followed by the counter in little-endian; the counter
/// advances after every encryption and every successful decryption. Encryption and decryption may be done in place.
/// </summary>
internal sealed class NoiseCipherState : IDisposable
{
    /// <summary>The Poly1305 tag length.</summary>
    public const int TagLength = 16;

    /// <summary>The key length.</summary>
    public const int KeyLength = 32;

    private const int NonceLength = 12;

    private readonly ChaCha20Poly1305 _aead;
    private ulong _nonce;

    public NoiseCipherState(ReadOnlySpan<byte> key)
    {
        if (key.Length != KeyLength)
        {
            throw new ArgumentException($"A ChaChaPoly key is {KeyLength} bytes, not {key.Length}.", nameof(key));
        }

        _aead = new ChaCha20Poly1305(key);
    }

    /// <summary>The nonce the next operation will use.</summary>
    public ulong Nonce => _nonce;

    /// <summary>
    /// Encrypts <paramref name="plaintext"/> into <paramref name="ciphertext"/> (same length, may be the same memory)
    /// and writes the tag into <paramref name="tag"/>.
    /// </summary>
    public void Encrypt(ReadOnlySpan<byte> plaintext, Span<byte> ciphertext, Span<byte> tag, ReadOnlySpan<byte> associatedData)
    {
        Span<byte> nonce = stackalloc byte[NonceLength];
        WriteNonce(nonce);
        _nonce++;
        _aead.Encrypt(nonce, plaintext, ciphertext, tag, associatedData);
    }

    /// <summary>
    /// Decrypts <paramref name="ciphertext"/> into <paramref name="plaintext"/> (same length, may be the same memory).
    /// Returns false when the tag does not authenticate; the plaintext is then cleared.
    /// </summary>
    public bool TryDecrypt(ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag, Span<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        Span<byte> nonce = stackalloc byte[NonceLength];
        WriteNonce(nonce);
        try
        {
            _aead.Decrypt(nonce, ciphertext, tag, plaintext, associatedData);

            // Noise §5.1: the nonce advances only when decryption succeeds.
            _nonce++;
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }
    }

    public void Dispose() => _aead.Dispose();

    private void WriteNonce(Span<byte> nonce)
    {
        // Noise reserves 2^64-1; reaching it means the session must end (a new handshake is needed).
        if (_nonce == ulong.MaxValue)
        {
            throw new NoiseTransportException("The Noise nonce is exhausted; the session must be re-established.");
        }

        nonce[..4].Clear();
        BinaryPrimitives.WriteUInt64LittleEndian(nonce[4..], _nonce);
    }
}
