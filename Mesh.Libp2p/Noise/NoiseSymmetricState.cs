using System.Security.Cryptography;

namespace Mesh.Libp2p.Noise;

/// <summary>
/// The Noise SymmetricState (Noise spec §5.2): chaining key <c>ck</c>, handshake hash <c>h</c>, and the
/// CipherState that <see cref="MixKey"/> installs. Only used during the handshake.
/// </summary>
internal sealed class NoiseSymmetricState : IDisposable
{
    /// <summary>The protocol name; it is exactly 32 bytes, so <c>h</c> starts as the name itself (wire notes §8.1).</summary>
    public static ReadOnlySpan<byte> ProtocolName => "Noise_XX_25519_ChaChaPoly_SHA256"u8;

    private const int HashLength = NoiseHkdf.HashLength;

    private readonly byte[] _chainingKey = new byte[HashLength];
    private readonly byte[] _hash = new byte[HashLength];
    private NoiseCipherState? _cipher;

    /// <summary>InitializeSymmetric(protocol name), then MixHash(prologue).</summary>
    public NoiseSymmetricState(ReadOnlySpan<byte> prologue)
    {
        ProtocolName.CopyTo(_hash);
        _hash.CopyTo(_chainingKey, 0);
        MixHash(prologue);
    }

    /// <summary>The handshake hash <c>h</c> (a copy).</summary>
    public byte[] HandshakeHash => (byte[])_hash.Clone();

    /// <summary>True once a key has been mixed in, so payloads are encrypted.</summary>
    public bool HasKey => _cipher is not null;

    /// <summary><c>h = SHA256(h ‖ data)</c>.</summary>
    public void MixHash(ReadOnlySpan<byte> data)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(_hash);
        hash.AppendData(data);
        hash.GetHashAndReset(_hash);
    }

    /// <summary><c>(ck, k) = HKDF(ck, ikm)</c>, then a fresh CipherState keyed with <c>k</c>.</summary>
    public void MixKey(ReadOnlySpan<byte> inputKeyMaterial)
    {
        Span<byte> key = stackalloc byte[HashLength];
        NoiseHkdf.DeriveTwo(_chainingKey, inputKeyMaterial, _chainingKey, key);
        _cipher?.Dispose();
        _cipher = new NoiseCipherState(key);
        CryptographicOperations.ZeroMemory(key);
    }

    /// <summary>The size <see cref="EncryptAndHash"/> gives for a plaintext of <paramref name="plaintextLength"/> bytes.</summary>
    public int CiphertextLength(int plaintextLength) => plaintextLength + (HasKey ? NoiseCipherState.TagLength : 0);

    /// <summary>Encrypts with <c>h</c> as associated data (or copies, before any key), then mixes the result into <c>h</c>.</summary>
    public void EncryptAndHash(ReadOnlySpan<byte> plaintext, Span<byte> ciphertext)
    {
        var length = CiphertextLength(plaintext.Length);
        if (_cipher is null)
        {
            plaintext.CopyTo(ciphertext);
        }
        else
        {
            _cipher.Encrypt(plaintext, ciphertext[..plaintext.Length], ciphertext.Slice(plaintext.Length, NoiseCipherState.TagLength), _hash);
        }

        MixHash(ciphertext[..length]);
    }

    /// <summary>Decrypts with <c>h</c> as associated data, then mixes the ciphertext into <c>h</c>. Null when it does not authenticate.</summary>
    public byte[]? DecryptAndHash(ReadOnlySpan<byte> ciphertext)
    {
        byte[] plaintext;
        if (_cipher is null)
        {
            plaintext = ciphertext.ToArray();
        }
        else
        {
            if (ciphertext.Length < NoiseCipherState.TagLength)
            {
                return null;
            }

            var bodyLength = ciphertext.Length - NoiseCipherState.TagLength;
            plaintext = new byte[bodyLength];
            if (!_cipher.TryDecrypt(ciphertext[..bodyLength], ciphertext[bodyLength..], plaintext, _hash))
            {
                return null;
            }
        }

        MixHash(ciphertext);
        return plaintext;
    }

    /// <summary>
    /// Split (Noise spec §5.2): <c>(k1, k2) = HKDF(ck, empty)</c>. The initiator sends with k1, the responder with k2 (wire notes §8.2).
    /// </summary>
    public void Split(Span<byte> key1, Span<byte> key2) => NoiseHkdf.DeriveTwo(_chainingKey, ReadOnlySpan<byte>.Empty, key1, key2);

    public void Dispose()
    {
        _cipher?.Dispose();
        _cipher = null;
        CryptographicOperations.ZeroMemory(_chainingKey);
    }
}
