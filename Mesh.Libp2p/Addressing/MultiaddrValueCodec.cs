using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text.Unicode;
using Mesh.Libp2p.Identity;

namespace Mesh.Libp2p.Addressing;

/// <summary>Converts one protocol's value between its text form and its bytes, validating both ways.</summary>
internal static class MultiaddrValueCodec
{
    private const int MaxPort = 65535;
    private const int MaxQuotedLength = 120;

    /// <summary>Converts a value's text to bytes; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParseText(
        MultiaddrProtocol protocol,
        string text,
        [NotNullWhen(true)] out byte[]? value,
        [NotNullWhen(false)] out string? error)
    {
        value = null;
        error = null;
        switch (protocol.Format)
        {
            case MultiaddrValueFormat.Ip4:
                value = new byte[4];
                if (!IpText.TryParseIp4(text, value))
                {
                    error = $"'{Quote(text)}' is not an IPv4 address";
                }

                break;

            case MultiaddrValueFormat.Ip6:
                value = new byte[16];
                if (!IpText.TryParseIp6(text, value))
                {
                    error = $"'{Quote(text)}' is not an IPv6 address";
                }

                break;

            case MultiaddrValueFormat.Port:
                if (IpText.TryParseDecimal(text, MaxPort, out var port))
                {
                    value = new byte[2];
                    BinaryPrimitives.WriteUInt16BigEndian(value, (ushort)port);
                }
                else
                {
                    error = $"'{Quote(text)}' is not a {protocol.Name} port (0-{MaxPort})";
                }

                break;

            case MultiaddrValueFormat.Utf8:
                value = TryEncodeUtf8(text);
                if (value is null)
                {
                    error = $"'{Quote(text)}' is not a valid /{protocol.Name} value";
                }

                break;

            case MultiaddrValueFormat.PeerId:
                // §4.2: base58 and CIDv1 text both give the multihash bytes.
                if (PeerId.TryParse(text, out var peerId))
                {
                    value = peerId!.Bytes.ToArray();
                }
                else
                {
                    error = $"'{Quote(text)}' is not a peer id";
                }

                break;

            default:
                error = $"/{protocol.Name} takes no value";
                break;
        }

        if (error is not null)
        {
            value = null;
            return false;
        }

        return value is not null;
    }

    /// <summary>Validates a value read from bytes and gives its text; false for a value that is not valid for the protocol.</summary>
    public static bool TryFormatBytes(MultiaddrProtocol protocol, ReadOnlySpan<byte> value, out string? text)
    {
        text = null;
        switch (protocol.Format)
        {
            case MultiaddrValueFormat.None:
                return value.IsEmpty;

            case MultiaddrValueFormat.Ip4:
                text = value.Length == 4 ? $"{value[0]}.{value[1]}.{value[2]}.{value[3]}" : null;
                break;

            case MultiaddrValueFormat.Ip6:
                text = value.Length == 16 ? IpText.FormatIp6(value) : null;
                break;

            case MultiaddrValueFormat.Port:
                text = value.Length == 2 ? BinaryPrimitives.ReadUInt16BigEndian(value).ToString() : null;
                break;

            case MultiaddrValueFormat.Utf8:
                // '/' is the text separator, so a value holding one could not round-trip; 0x2F never occurs inside
                // a multi-byte UTF-8 sequence, so a byte search is exact.
                text = !value.IsEmpty && Utf8.IsValid(value) && !value.Contains((byte)'/')
                    ? System.Text.Encoding.UTF8.GetString(value)
                    : null;
                break;

            case MultiaddrValueFormat.PeerId:
                // §4.2: the binary value is the peer id multihash, printed base58btc.
                text = PeerId.TryFromBytes(value, out var peerId) ? peerId!.ToString() : null;
                break;
        }

        return text is not null;
    }

    /// <summary>
    /// Shortens input quoted in an error message, so a hostile multi-kilobyte string does not become
    /// a multi-kilobyte log line.
    /// </summary>
    public static string Quote(string? text) =>
        text is null ? string.Empty : text.Length <= MaxQuotedLength ? text : text[..MaxQuotedLength] + "…";

    private static byte[]? TryEncodeUtf8(string text)
    {
        if (text.Length == 0 || text.Contains('/', StringComparison.Ordinal))
        {
            return null;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(text.Length * 3);
        try
        {
            // Lone surrogates are refused rather than replaced, so the bytes always say what the text said.
            var status = Utf8.FromUtf16(text, buffer, out _, out var written, replaceInvalidSequences: false);
            return status == OperationStatus.Done ? buffer.AsSpan(0, written).ToArray() : null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
