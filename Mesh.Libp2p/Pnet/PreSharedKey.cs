using System.Security.Cryptography;

namespace Mesh.Libp2p.Pnet;

/// <summary>
/// The 32-byte key of a libp2p private network (PSK v1, wire notes §12). Parsed from and written to the
/// <c>swarm.key</c> text format; <see cref="ToString"/> and <see cref="Fingerprint"/> never reveal the key.
/// </summary>
public sealed partial class PreSharedKey : IEquatable<PreSharedKey>
{
    /// <summary>The key length in bytes.</summary>
    public const int KeyLength = 32;

    private const int FingerprintLength = 8;

    private readonly byte[] _key;

    private PreSharedKey(byte[] key)
    {
        _key = key;
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(key, digest);
        Fingerprint = Convert.ToHexStringLower(digest[..FingerprintLength]);
    }

    /// <summary>
    /// A short hex digest of the key (the first 8 bytes of its SHA-256), for logs and display, so two nodes'
    /// keys can be compared without showing either.
    /// </summary>
    public string Fingerprint { get; }

    /// <summary>The raw key, for the XSalsa20 cipher.</summary>
    internal ReadOnlySpan<byte> Key => _key;

    /// <summary>Makes a new random key.</summary>
    public static PreSharedKey Generate() => new(RandomNumberGenerator.GetBytes(KeyLength));

    /// <summary>Wraps a raw 32-byte key.</summary>
    /// <exception cref="ArgumentException">The key is not 32 bytes.</exception>
    public static PreSharedKey FromBytes(ReadOnlySpan<byte> key)
    {
        if (key.Length != KeyLength)
        {
            throw new ArgumentException($"A pre-shared key is {KeyLength} bytes, not {key.Length}.", nameof(key));
        }

        return new PreSharedKey(key.ToArray());
    }

    /// <summary>The <c>swarm.key</c> text: the PSK v1 header, <c>/base16/</c>, then the key in lower-case hex, with no trailing newline (as js writes it).</summary>
    public string ToSwarmKeyText() => $"{Header}\n{Base16}\n{Convert.ToHexStringLower(_key)}";

    /// <summary>Names the key by its fingerprint only.</summary>
    public override string ToString() => $"PSK {Fingerprint}";

    /// <inheritdoc/>
    public bool Equals(PreSharedKey? other) => other is not null && CryptographicOperations.FixedTimeEquals(_key, other._key);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as PreSharedKey);

    /// <inheritdoc/>
    public override int GetHashCode() => Fingerprint.GetHashCode(StringComparison.Ordinal);
}
