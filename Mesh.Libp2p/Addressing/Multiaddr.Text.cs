using System.Diagnostics.CodeAnalysis;

namespace Mesh.Libp2p.Addressing;

/// <summary>The text form (wire notes §4.2).</summary>
public sealed partial class Multiaddr
{
    /// <summary>
    /// The longest text accepted. The densest component (<c>/p2p-circuit</c>, 12 characters for 2 bytes)
    /// needs 6 characters a byte, so 8 a byte leaves room for any text whose binary form fits.
    /// </summary>
    public const int MaxTextLength = 8 * MaxByteLength;

    /// <summary>
    /// Parses the text form: <c>/name/value…</c>, names case-sensitive, <c>ipfs</c> accepted for <c>p2p</c>,
    /// peer ids in base58 or CID form, one trailing <c>/</c> tolerated; <c>/</c> alone is <see cref="Empty"/>.
    /// </summary>
    /// <exception cref="FormatException">The text is not a multiaddr; the message names the bad part.</exception>
    public static Multiaddr Parse(string text) =>
        TryParse(text, out var addr, out var error)
            ? addr
            : throw new FormatException($"'{MultiaddrValueCodec.Quote(text)}' is not a multiaddr: {error}.");

    /// <summary>Parses the text form as <see cref="Parse"/> does; false instead of an exception.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out Multiaddr? addr) => TryParse(text, out addr, out _);

    private static bool TryParse(string? text, [NotNullWhen(true)] out Multiaddr? addr, [NotNullWhen(false)] out string? error)
    {
        addr = null;
        error = CheckShape(text);
        if (error is not null)
        {
            return false;
        }

        // CheckShape guarantees a leading '/'; one trailing '/' is allowed, as js and go allow it.
        var body = text![1..];
        if (body.Length > 1 && body.EndsWith('/'))
        {
            body = body[..^1];
        }

        if (body.Length == 0)
        {
            addr = Empty;
            return true;
        }

        var parts = body.Split('/');
        var components = new List<MultiaddrComponent>();
        var length = 0;
        for (var i = 0; i < parts.Length; i++)
        {
            if (!TryParseComponent(parts, ref i, out var component, out error))
            {
                return false;
            }

            length += component.EncodedLength;
            if (length > MaxByteLength)
            {
                error = $"it encodes to more than {MaxByteLength} bytes";
                return false;
            }

            components.Add(component);
        }

        addr = new Multiaddr([.. components]);
        return true;
    }

    private static string? CheckShape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "it is empty";
        }

        if (text.Length > MaxTextLength)
        {
            return $"it is longer than {MaxTextLength} characters";
        }

        return text[0] == '/' ? null : "it must start with '/'";
    }

    private static bool TryParseComponent(
        string[] parts,
        ref int index,
        [NotNullWhen(true)] out MultiaddrComponent? component,
        [NotNullWhen(false)] out string? error)
    {
        component = null;
        var name = parts[index];
        if (name.Length == 0)
        {
            error = $"component {index + 1} is empty ('//')";
            return false;
        }

        if (!MultiaddrProtocol.TryGetByName(name, out var protocol))
        {
            error = $"unknown protocol '{MultiaddrValueCodec.Quote(name)}'";
            return false;
        }

        string? value = null;
        if (protocol.ValueKind != MultiaddrValueKind.None)
        {
            if (index + 1 >= parts.Length)
            {
                error = $"/{name} needs a value";
                return false;
            }

            value = parts[++index];
        }

        if (!MultiaddrComponent.TryCreate(protocol, value, out component, out var reason))
        {
            error = $"/{name}: {reason}";
            return false;
        }

        error = null;
        return true;
    }
}
