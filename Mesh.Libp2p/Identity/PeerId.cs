using System.Security.Cryptography;
using Mesh.Libp2p.Encoding;

namespace Mesh.Libp2p.Identity;

/// <summary>
/// A libp2p peer id: the multihash of the peer's public key protobuf (identity multihash when the
/// protobuf is at most 42 bytes, sha2-256 otherwise). Printed as base58btc (<c>12D3KooW…</c>);
/// parsed from base58 or from the CIDv1 form (<c>bafz…</c>).
/// </summary>
public sealed class PeerId : IEquatable<PeerId>
{
    private const byte IdentityCode = 0x00;
    private const byte Sha256Code = 0x12;
    private const byte CidV1 = 0x01;
    private const byte LibP2PKeyCodec = 0x72;
    private const int MaxInlineKeyLength = 42;

    private readonly byte[] _bytes;
    private readonly string _text;

    private PeerId(byte[] multihash)
    {
        _bytes = multihash;
        _text = Base58.Encode(multihash);
    }

    /// <summary>The multihash bytes (what <c>/p2p/</c> carries in binary multiaddrs).</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>Derives the peer id of a public key.</summary>
    public static PeerId FromPublicKey(PublicKey key)
    {
        var protobuf = key.ToProtobuf();
        if (protobuf.Length <= MaxInlineKeyLength)
        {
            var bytes = new byte[2 + protobuf.Length];
            bytes[0] = IdentityCode;
            bytes[1] = (byte)protobuf.Length;
            protobuf.CopyTo(bytes, 2);
            return new PeerId(bytes);
        }

        var hashed = new byte[34];
        hashed[0] = Sha256Code;
        hashed[1] = 32;
        SHA256.HashData(protobuf, hashed.AsSpan(2));
        return new PeerId(hashed);
    }

    /// <summary>Reads a peer id from multihash bytes; false unless it is an identity or sha2-256 multihash.</summary>
    public static bool TryFromBytes(ReadOnlySpan<byte> multihash, out PeerId? peerId)
    {
        peerId = null;
        if (Varint.TryRead(multihash, out var code, out var codeLength) != VarintResult.Ok)
        {
            return false;
        }

        var rest = multihash[codeLength..];
        if (Varint.TryRead(rest, out var length, out var lengthLength) != VarintResult.Ok)
        {
            return false;
        }

        var digest = rest[lengthLength..];
        var valid = code switch
        {
            IdentityCode => length <= MaxInlineKeyLength && (ulong)digest.Length == length,
            Sha256Code => length == 32 && digest.Length == 32,
            _ => false,
        };
        if (!valid)
        {
            return false;
        }

        peerId = new PeerId(multihash.ToArray());
        return true;
    }

    /// <summary>Parses the base58 form (<c>12D3KooW…</c>, <c>Qm…</c>) or the CIDv1 multibase form.</summary>
    public static bool TryParse(string? text, out PeerId? peerId)
    {
        peerId = null;
        if (string.IsNullOrEmpty(text) || text.Length > 200)
        {
            return false;
        }

        if (text[0] == '1' || text.StartsWith("Qm", StringComparison.Ordinal))
        {
            return Base58.TryDecode(text, out var bytes) && TryFromBytes(bytes, out peerId);
        }

        // CIDv1 in multibase: only base32 ('b') is used for peer ids in practice.
        if (text[0] != 'b' || !Base32.TryDecode(text.AsSpan(1), out var cid))
        {
            return false;
        }

        if (cid.Length < 2 || cid[0] != CidV1 || cid[1] != LibP2PKeyCodec)
        {
            return false;
        }

        return TryFromBytes(cid.AsSpan(2), out peerId);
    }

    /// <summary>Parses a peer id, throwing <see cref="FormatException"/> if it is not one.</summary>
    public static PeerId Parse(string text) =>
        TryParse(text, out var peerId) ? peerId! : throw new FormatException($"'{text}' is not a peer id.");

    /// <summary>The public key when it is inlined in an identity multihash (Ed25519, secp256k1); otherwise null.</summary>
    public PublicKey? TryGetInlinePublicKey() =>
        _bytes[0] == IdentityCode && PublicKey.TryParseProtobuf(_bytes.AsSpan(2), out var key) ? key : null;

    /// <summary>The CIDv1 form: multibase base32 of <c>0x01 0x72 ‖ multihash</c>.</summary>
    public string ToCidString()
    {
        var cid = new byte[2 + _bytes.Length];
        cid[0] = CidV1;
        cid[1] = LibP2PKeyCodec;
        _bytes.CopyTo(cid, 2);
        return "b" + Base32.Encode(cid);
    }

    /// <summary>The base58btc form.</summary>
    public override string ToString() => _text;

    /// <summary>A short form for people: the last 6 characters.</summary>
    public string ToShortString() => _text.Length <= 6 ? _text : _text[^6..];

    /// <inheritdoc/>
    public bool Equals(PeerId? other) => other is not null && _bytes.AsSpan().SequenceEqual(other._bytes);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as PeerId);

    /// <inheritdoc/>
    public override int GetHashCode() => _text.GetHashCode(StringComparison.Ordinal);

    /// <summary>Equality by multihash.</summary>
    public static bool operator ==(PeerId? left, PeerId? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Inequality by multihash.</summary>
    public static bool operator !=(PeerId? left, PeerId? right) => !(left == right);
}
