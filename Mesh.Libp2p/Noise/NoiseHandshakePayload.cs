using Mesh.Libp2p.Protobuf;

namespace Mesh.Libp2p.Noise;

/// <summary>
/// The <c>NoiseHandshakePayload</c> protobuf carried in Noise messages 2 and 3 (wire notes §8.3):
/// <c>identity_key = 1</c> (a PublicKey protobuf), <c>identity_sig = 2</c>, <c>extensions = 4</c>.
/// Encoded by hand in field order 1, 2, 4 as js does; decoding never throws.
/// </summary>
public sealed class NoiseHandshakePayload
{
    private const int IdentityKeyField = 1;
    private const int IdentitySignatureField = 2;
    private const int ExtensionsField = 4;
    private const int CertHashField = 1;
    private const int StreamMuxerField = 2;

    /// <summary>The sender's identity public key as a PublicKey protobuf (wire notes §3.1).</summary>
    public byte[]? IdentityKey { get; init; }

    /// <summary>The identity key's signature over <c>"noise-libp2p-static-key:" ‖ Noise static public key</c>.</summary>
    public byte[]? IdentitySignature { get; init; }

    /// <summary>The extensions, or null when absent.</summary>
    public NoiseExtensions? Extensions { get; init; }

    /// <summary>Encodes the payload; absent fields are left out.</summary>
    public byte[] Encode()
    {
        var writer = new ProtoWriter(160);
        if (IdentityKey is not null)
        {
            writer.WriteBytes(IdentityKeyField, IdentityKey);
        }

        if (IdentitySignature is not null)
        {
            writer.WriteBytes(IdentitySignatureField, IdentitySignature);
        }

        if (Extensions is { } extensions)
        {
            writer.WriteMessage(ExtensionsField, inner =>
            {
                foreach (var hash in extensions.WebTransportCertHashes)
                {
                    inner.WriteBytes(CertHashField, hash);
                }

                foreach (var muxer in extensions.StreamMuxers)
                {
                    inner.WriteString(StreamMuxerField, muxer);
                }
            });
        }

        return writer.ToArray();
    }

    /// <summary>
    /// Decodes a payload. False when it is malformed, when a known field has the wrong wire type, or when
    /// an extension list exceeds <see cref="NoiseExtensions.MaxEntries"/> entries of <see cref="NoiseExtensions.MaxEntryLength"/> bytes.
    /// Unknown fields are skipped.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> bytes, out NoiseHandshakePayload? payload)
    {
        payload = null;
        byte[]? identityKey = null;
        byte[]? identitySignature = null;
        NoiseExtensions? extensions = null;
        var reader = new ProtoReader(bytes);
        while (!reader.End)
        {
            if (!reader.TryReadTag(out var field, out var wireType))
            {
                return false;
            }

            if (field is IdentityKeyField or IdentitySignatureField or ExtensionsField)
            {
                if (wireType != WireType.LengthDelimited || !reader.TryReadBytes(out var value))
                {
                    return false;
                }

                switch (field)
                {
                    case IdentityKeyField:
                        identityKey = value.ToArray();
                        break;
                    case IdentitySignatureField:
                        identitySignature = value.ToArray();
                        break;
                    default:
                        if (!TryDecodeExtensions(value, out extensions))
                        {
                            return false;
                        }

                        break;
                }
            }
            else if (!reader.TrySkip(wireType))
            {
                return false;
            }
        }

        payload = new NoiseHandshakePayload { IdentityKey = identityKey, IdentitySignature = identitySignature, Extensions = extensions };
        return true;
    }

    private static bool TryDecodeExtensions(ReadOnlySpan<byte> bytes, out NoiseExtensions? extensions)
    {
        extensions = null;
        var certHashes = new List<byte[]>();
        var muxers = new List<string>();
        var reader = new ProtoReader(bytes);
        while (!reader.End)
        {
            if (!reader.TryReadTag(out var field, out var wireType))
            {
                return false;
            }

            if (field == CertHashField)
            {
                if (wireType != WireType.LengthDelimited || !reader.TryReadBytes(out var hash) || !Fits(certHashes.Count, hash.Length))
                {
                    return false;
                }

                certHashes.Add(hash.ToArray());
            }
            else if (field == StreamMuxerField)
            {
                if (wireType != WireType.LengthDelimited || !reader.TryReadBytes(out var raw) || !Fits(muxers.Count, raw.Length))
                {
                    return false;
                }

                if (!TryReadUtf8(raw, out var muxer))
                {
                    return false;
                }

                muxers.Add(muxer);
            }
            else if (!reader.TrySkip(wireType))
            {
                return false;
            }
        }

        extensions = new NoiseExtensions { WebTransportCertHashes = certHashes, StreamMuxers = muxers };
        return true;
    }

    private static bool Fits(int count, int length) => count < NoiseExtensions.MaxEntries && length <= NoiseExtensions.MaxEntryLength;

    private static bool TryReadUtf8(ReadOnlySpan<byte> bytes, out string value)
    {
        try
        {
            value = StrictUtf8.GetString(bytes);
            return true;
        }
        catch (System.Text.DecoderFallbackException)
        {
            value = string.Empty;
            return false;
        }
    }
}
