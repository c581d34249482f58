using System.Buffers;

namespace Mesh.Libp2p.Pnet;

/// <summary>Parsing of the <c>swarm.key</c> format (wire notes §12.1).</summary>
public sealed partial class PreSharedKey
{
    private const string Header = "/key/swarm/psk/1.0.0/";
    private const string Base16 = "/base16/";
    private const string Base64 = "/base64/";
    private const string Binary = "/bin/";
    private const int MaxTextLength = 4096;

    /// <summary>
    /// Parses <c>swarm.key</c> text: line 1 <c>/key/swarm/psk/1.0.0/</c>, line 2 the encoding (<c>/base16/</c>,
    /// <c>/base64/</c> or <c>/bin/</c>), then the key, which must be exactly 32 bytes. Upper-case hex, CRLF line
    /// ends, surrounding spaces and a trailing newline are accepted. For <c>/bin/</c> each character is one byte.
    /// </summary>
    /// <param name="text">The file's text.</param>
    /// <param name="key">The key, when the text is valid.</param>
    /// <param name="error">Why the text is not a valid key, otherwise null.</param>
    public static bool TryParse(string? text, out PreSharedKey? key, out string? error)
    {
        key = null;
        if (string.IsNullOrEmpty(text))
        {
            error = "The swarm key is empty.";
            return false;
        }

        if (text.Length > MaxTextLength || text.Any(c => c > 0xFF))
        {
            error = "The swarm key is not a swarm.key text (too long, or characters outside Latin-1).";
            return false;
        }

        return TryParse(System.Text.Encoding.Latin1.GetBytes(text), out key, out error);
    }

    /// <summary>Parses <c>swarm.key</c> text, throwing <see cref="FormatException"/> with the reason when it is not valid.</summary>
    public static PreSharedKey Parse(string text) =>
        TryParse(text, out var key, out var error) ? key! : throw new FormatException(error);

    /// <summary>Parses the raw bytes of a <c>swarm.key</c> file.</summary>
    internal static bool TryParse(ReadOnlySpan<byte> content, out PreSharedKey? key, out string? error)
    {
        key = null;
        if (content.Length > MaxTextLength)
        {
            error = "The swarm key file is too long.";
            return false;
        }

        if (!TryTakeLine(ref content, out var header) || !header.SequenceEqual("/key/swarm/psk/1.0.0/"u8))
        {
            error = $"Line 1 of the swarm key must be {Header}.";
            return false;
        }

        if (!TryTakeLine(ref content, out var encoding))
        {
            error = "The swarm key has no encoding line (line 2).";
            return false;
        }

        byte[]? bytes;
        if (encoding.SequenceEqual("/base16/"u8))
        {
            bytes = DecodeText(content, DecodeHex, "hexadecimal", out error);
        }
        else if (encoding.SequenceEqual("/base64/"u8))
        {
            bytes = DecodeText(content, DecodeBase64, "base64", out error);
        }
        else if (encoding.SequenceEqual("/bin/"u8))
        {
            // The rest of the file is the key itself, byte for byte.
            bytes = content.ToArray();
            error = null;
        }
        else
        {
            error = $"Unknown swarm key encoding '{System.Text.Encoding.Latin1.GetString(encoding)}' (expected {Base16}, {Base64} or {Binary}).";
            return false;
        }

        if (bytes is null)
        {
            return false;
        }

        if (bytes.Length != KeyLength)
        {
            error = $"The swarm key is {bytes.Length} bytes; a pre-shared key is exactly {KeyLength}.";
            return false;
        }

        key = new PreSharedKey(bytes);
        error = null;
        return true;
    }

    private static byte[]? DecodeText(ReadOnlySpan<byte> rest, Func<string, byte[]?> decode, string name, out string? error)
    {
        TryTakeLine(ref rest, out var line);
        if (!rest.Trim(" \t\r\n"u8).IsEmpty)
        {
            error = "The swarm key has content after the key line.";
            return null;
        }

        var bytes = decode(System.Text.Encoding.Latin1.GetString(line));
        error = bytes is null ? $"Line 3 of the swarm key is not valid {name}." : null;
        return bytes;
    }

    private static byte[]? DecodeHex(string text)
    {
        if (text.Length % 2 != 0)
        {
            return null;
        }

        var bytes = new byte[text.Length / 2];
        return Convert.FromHexString(text, bytes, out _, out _) == OperationStatus.Done ? bytes : null;
    }

    private static byte[]? DecodeBase64(string text)
    {
        var bytes = new byte[text.Length];
        return Convert.TryFromBase64String(text, bytes, out var written) ? bytes[..written] : null;
    }

    /// <summary>Takes one line (without <c>\n</c>, trimmed of spaces, tabs and <c>\r</c>); for the last line, the rest.</summary>
    private static bool TryTakeLine(ref ReadOnlySpan<byte> content, out ReadOnlySpan<byte> line)
    {
        var end = content.IndexOf((byte)'\n');
        if (end < 0)
        {
            line = content.Trim(" \t\r"u8);
            var hadContent = !content.IsEmpty;
            content = default;
            return hadContent;
        }

        line = content[..end].Trim(" \t\r"u8);
        content = content[(end + 1)..];
        return true;
    }
}
