using System.Diagnostics.CodeAnalysis;
using Mesh.Libp2p.Encoding;

namespace Mesh.Libp2p.Addressing;

/// <summary>The binary form (wire notes §4.1).</summary>
public sealed partial class Multiaddr
{
    /// <summary>
    /// Reads a whole binary multiaddr of at most <see cref="MaxByteLength"/> bytes. Total: any input that is not
    /// exactly one valid multiaddr (unknown code, truncated or invalid value, trailing bytes) gives false, never an exception.
    /// Empty input is the <see cref="Empty"/> multiaddr.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, [NotNullWhen(true)] out Multiaddr? addr) =>
        TryRead(bytes, MaxByteLength, out addr);

    /// <summary>
    /// Reads a whole binary multiaddr of at most <paramref name="maxLength"/> bytes (itself capped at
    /// <see cref="MaxByteLength"/>); see <see cref="TryRead(ReadOnlySpan{byte}, out Multiaddr?)"/>.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, int maxLength, [NotNullWhen(true)] out Multiaddr? addr)
    {
        addr = null;
        if (bytes.Length > Math.Min(maxLength, MaxByteLength))
        {
            return false;
        }

        if (bytes.IsEmpty)
        {
            addr = Empty;
            return true;
        }

        var components = new List<MultiaddrComponent>();
        var rest = bytes;
        while (!rest.IsEmpty)
        {
            if (!TryReadComponent(ref rest, out var component))
            {
                return false;
            }

            components.Add(component);
        }

        addr = new Multiaddr([.. components]);
        return true;
    }

    private static bool TryReadComponent(ref ReadOnlySpan<byte> rest, [NotNullWhen(true)] out MultiaddrComponent? component)
    {
        component = null;
        if (Varint.TryRead(rest, out var code, out var codeLength) != VarintResult.Ok
            || !MultiaddrProtocol.TryGetByCode(code, out var protocol))
        {
            return false;
        }

        rest = rest[codeLength..];
        int valueLength;
        switch (protocol.ValueKind)
        {
            case MultiaddrValueKind.FixedSize:
                valueLength = protocol.FixedSize;
                break;

            case MultiaddrValueKind.VariableSize:
                // The prefix is checked against what is left before anything is sliced or copied.
                if (Varint.TryRead(rest, out var declared, out var prefixLength) != VarintResult.Ok
                    || declared > (ulong)(rest.Length - prefixLength))
                {
                    return false;
                }

                rest = rest[prefixLength..];
                valueLength = (int)declared;
                break;

            default:
                valueLength = 0;
                break;
        }

        if (valueLength > rest.Length)
        {
            return false;
        }

        var value = rest[..valueLength];
        rest = rest[valueLength..];
        return MultiaddrComponent.TryFromBytes(protocol, value, out component);
    }
}
