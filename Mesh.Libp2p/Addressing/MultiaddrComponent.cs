using System.Diagnostics.CodeAnalysis;
using Mesh.Libp2p.Encoding;
using Mesh.Libp2p.Identity;

namespace Mesh.Libp2p.Addressing;

/// <summary>One <c>/protocol[/value]</c> step of a <see cref="Multiaddr"/>, with its value in both forms.</summary>
public sealed class MultiaddrComponent : IEquatable<MultiaddrComponent>
{
    private readonly byte[] _value;

    private MultiaddrComponent(MultiaddrProtocol protocol, byte[] value, string? textValue)
    {
        Protocol = protocol;
        _value = value;
        TextValue = textValue;
        EncodedLength = Varint.SizeOf((ulong)protocol.Code)
            + (protocol.ValueKind == MultiaddrValueKind.VariableSize ? Varint.SizeOf((ulong)value.Length) : 0)
            + value.Length;
    }

    /// <summary>The protocol.</summary>
    public MultiaddrProtocol Protocol { get; }

    /// <summary>The raw value bytes as the binary form carries them (without the length prefix); empty for protocols without a value.</summary>
    public ReadOnlySpan<byte> Value => _value;

    /// <summary>The value's text form (for <c>/p2p</c> the base58 peer id); null for protocols without a value.</summary>
    public string? TextValue { get; }

    /// <summary>Bytes this component takes in the binary form: code, length prefix if any, value.</summary>
    public int EncodedLength { get; }

    /// <summary>Makes a component from a value's text, validating it as <see cref="Multiaddr.Parse"/> would.</summary>
    /// <param name="protocol">The protocol.</param>
    /// <param name="textValue">The value text; null (or omitted) for protocols without a value.</param>
    /// <exception cref="FormatException">The value is missing, unexpected or invalid for the protocol.</exception>
    public static MultiaddrComponent Create(MultiaddrProtocol protocol, string? textValue = null) =>
        TryCreate(protocol, textValue, out var component, out var error)
            ? component
            : throw new FormatException($"Invalid multiaddr component /{protocol.Name}: {error}.");

    /// <summary>Makes a component from a value's text; false when the value is missing, unexpected or invalid.</summary>
    public static bool TryCreate(MultiaddrProtocol protocol, string? textValue, [NotNullWhen(true)] out MultiaddrComponent? component) =>
        TryCreate(protocol, textValue, out component, out _);

    /// <summary>The component's text: <c>/name</c> or <c>/name/value</c>.</summary>
    public override string ToString() => TextValue is null ? "/" + Protocol.Name : $"/{Protocol.Name}/{TextValue}";

    /// <inheritdoc/>
    public bool Equals(MultiaddrComponent? other) =>
        other is not null && ReferenceEquals(Protocol, other.Protocol) && _value.AsSpan().SequenceEqual(other._value);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as MultiaddrComponent);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Protocol.Code);
        hash.AddBytes(_value);
        return hash.ToHashCode();
    }

    /// <summary>Makes a component from text, with the reason when it fails (for parse error messages).</summary>
    internal static bool TryCreate(
        MultiaddrProtocol protocol,
        string? textValue,
        [NotNullWhen(true)] out MultiaddrComponent? component,
        [NotNullWhen(false)] out string? error)
    {
        component = null;
        if (protocol.ValueKind == MultiaddrValueKind.None)
        {
            if (textValue is not null)
            {
                error = "it takes no value";
                return false;
            }

            component = new MultiaddrComponent(protocol, [], null);
            error = null;
            return true;
        }

        if (textValue is null)
        {
            error = "a value is missing";
            return false;
        }

        if (!MultiaddrValueCodec.TryParseText(protocol, textValue, out var value, out error))
        {
            return false;
        }

        // Store the canonical text (ip6 compressed and lower case, p2p base58 even when a CID was given).
        MultiaddrValueCodec.TryFormatBytes(protocol, value, out var canonical);
        component = new MultiaddrComponent(protocol, value, canonical);
        return true;
    }

    /// <summary>Makes a component from a value read off the wire; false when the value is invalid for the protocol.</summary>
    internal static bool TryFromBytes(MultiaddrProtocol protocol, ReadOnlySpan<byte> value, [NotNullWhen(true)] out MultiaddrComponent? component)
    {
        component = null;
        if (!MultiaddrValueCodec.TryFormatBytes(protocol, value, out var text))
        {
            return false;
        }

        component = new MultiaddrComponent(protocol, value.ToArray(), text);
        return true;
    }

    /// <summary>The <c>/p2p</c> component of a peer id.</summary>
    internal static MultiaddrComponent ForPeerId(PeerId peerId) =>
        new(MultiaddrProtocol.P2p, peerId.Bytes.ToArray(), peerId.ToString());

    /// <summary>Writes the binary form (exactly <see cref="EncodedLength"/> bytes) and returns its length.</summary>
    internal int WriteTo(Span<byte> destination)
    {
        var written = Varint.Write(destination, (ulong)Protocol.Code);
        if (Protocol.ValueKind == MultiaddrValueKind.VariableSize)
        {
            written += Varint.Write(destination[written..], (ulong)_value.Length);
        }

        _value.CopyTo(destination[written..]);
        return written + _value.Length;
    }
}
