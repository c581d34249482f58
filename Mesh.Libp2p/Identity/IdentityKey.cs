using System.Security.Cryptography;
using Mesh.Libp2p.Protobuf;
using Org.BouncyCastle.Math.EC.Rfc8032;

namespace Mesh.Libp2p.Identity;

/// <summary>A node's Ed25519 identity: the private seed, its public key and its peer id.</summary>
public sealed class IdentityKey
{
    // Seed ‖ public key: the libp2p private key data, and libsodium's Ed25519 secret key as is.
    private readonly byte[] _seedAndPublicKey = new byte[2 * Ed25519.SecretKeySize];

    private IdentityKey(ReadOnlySpan<byte> seed)
    {
        seed.CopyTo(_seedAndPublicKey);
        var publicKey = _seedAndPublicKey.AsSpan(Ed25519.SecretKeySize);
        Ed25519Provider.Default.DerivePublicKey(seed, publicKey);
        PublicKey = new PublicKey(KeyType.Ed25519, publicKey);
        PeerId = PublicKey.ToPeerId();
    }

    /// <summary>The public half.</summary>
    public PublicKey PublicKey { get; }

    /// <summary>The peer id of <see cref="PublicKey"/>.</summary>
    public PeerId PeerId { get; }

    /// <summary>Makes a new random identity.</summary>
    public static IdentityKey Generate()
    {
        Span<byte> seed = stackalloc byte[Ed25519.SecretKeySize];
        RandomNumberGenerator.Fill(seed);
        var key = new IdentityKey(seed);
        CryptographicOperations.ZeroMemory(seed);
        return key;
    }

    /// <summary>Makes the identity of a 32-byte seed (deterministic; for tests and vectors).</summary>
    public static IdentityKey FromSeed(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != Ed25519.SecretKeySize)
        {
            throw new ArgumentException($"An Ed25519 seed is {Ed25519.SecretKeySize} bytes, not {seed.Length}.", nameof(seed));
        }

        return new IdentityKey(seed);
    }

    /// <summary>Signs <paramref name="message"/> (RFC 8032 Ed25519, no prehash).</summary>
    public byte[] Sign(ReadOnlySpan<byte> message)
    {
        var signature = new byte[Ed25519.SignatureSize];
        Ed25519Provider.Default.Sign(_seedAndPublicKey, message, signature);
        return signature;
    }

    /// <summary>The private key protobuf: Type = Ed25519, Data = seed ‖ public key (64 bytes).</summary>
    public byte[] ToPrivateKeyProtobuf()
    {
        return new ProtoWriter(80).WriteVarint(1, (ulong)KeyType.Ed25519).WriteBytes(2, _seedAndPublicKey).ToArray();
    }

    /// <summary>
    /// Parses a private key protobuf. Accepts the 64-byte form and the legacy 96-byte form
    /// (seed ‖ pub ‖ pub) when the public halves agree with each other and with the seed.
    /// </summary>
    public static bool TryParsePrivateKeyProtobuf(ReadOnlySpan<byte> protobuf, out IdentityKey? key)
    {
        key = null;
        if (!KeyProtobuf.TryRead(protobuf, out var type, out var data))
        {
            return false;
        }

        if (type != (ulong)KeyType.Ed25519 || (data.Length != 64 && data.Length != 96))
        {
            return false;
        }

        if (data.Length == 96 && !data[32..64].SequenceEqual(data[64..96]))
        {
            return false;
        }

        var candidate = new IdentityKey(data[..32]);
        if (!candidate.PublicKey.Data.SequenceEqual(data[32..64]))
        {
            return false;
        }

        key = candidate;
        return true;
    }
}
