using Mesh.Libp2p.Protobuf;
using Org.BouncyCastle.Math.EC.Rfc8032;

namespace Mesh.Libp2p.Identity;

/// <summary>
/// A peer's public key as the libp2p key protobuf carries it: <c>PublicKey { Type = 1; Data = 2 }</c>.
/// Signatures can be verified for Ed25519 keys; other types parse but never verify.
/// </summary>
public sealed class PublicKey : IEquatable<PublicKey>
{
    private readonly byte[] _data;

    /// <summary>Creates a key from its type and raw data.</summary>
    public PublicKey(KeyType type, ReadOnlySpan<byte> data)
    {
        if (type == KeyType.Ed25519 && data.Length != Ed25519.PublicKeySize)
        {
            throw new ArgumentException($"An Ed25519 public key is {Ed25519.PublicKeySize} bytes, not {data.Length}.", nameof(data));
        }

        Type = type;
        _data = data.ToArray();
    }

    /// <summary>The key type.</summary>
    public KeyType Type { get; }

    /// <summary>The raw key (32 bytes for Ed25519).</summary>
    public ReadOnlySpan<byte> Data => _data;

    /// <summary>The peer id derived from this key.</summary>
    public PeerId ToPeerId() => PeerId.FromPublicKey(this);

    /// <summary>
    /// The deterministic protobuf: Type always present (even when 0), then Data.
    /// </summary>
    public byte[] ToProtobuf() => new ProtoWriter(_data.Length + 8)
        .WriteVarint(1, (ulong)Type)
        .WriteBytes(2, _data)
        .ToArray();

    /// <summary>Parses a key protobuf; false if it is malformed or an Ed25519 key of the wrong size.</summary>
    public static bool TryParseProtobuf(ReadOnlySpan<byte> protobuf, out PublicKey? key)
    {
        key = null;
        if (!KeyProtobuf.TryRead(protobuf, out var type, out var data))
        {
            return false;
        }

        if (type > (ulong)KeyType.Ecdsa || ((KeyType)type == KeyType.Ed25519 && data.Length != Ed25519.PublicKeySize))
        {
            return false;
        }

        key = new PublicKey((KeyType)type, data);
        return true;
    }

    /// <summary>Verifies a signature over <paramref name="message"/>. Only Ed25519 keys can verify.</summary>
    public bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (Type != KeyType.Ed25519 || signature.Length != Ed25519.SignatureSize)
        {
            return false;
        }

        return Ed25519Provider.Default.Verify(_data, message, signature);
    }

    /// <inheritdoc/>
    public bool Equals(PublicKey? other) => other is not null && Type == other.Type && _data.AsSpan().SequenceEqual(other._data);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as PublicKey);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.Add(Type);
        hash.AddBytes(_data);
        return hash.ToHashCode();
    }
}
