using System.Text;

namespace Mesh.Libp2p.Addressing;

/// <summary>
/// An immutable multiaddr (wire notes §4): a sequence of <c>/protocol/value</c> components with a binary form
/// (<c>uvarint(code) ‖ value</c> repeated) and a text form. Equality is by the binary form, so
/// <c>/ipfs/…</c> equals <c>/p2p/…</c> and a CID peer id equals its base58 form.
/// </summary>
/// <remarks>
/// Every instance is at most <see cref="MaxByteLength"/> bytes long in binary, whichever way it was built,
/// so anything this stack writes another instance of it will read.
/// </remarks>
public sealed partial class Multiaddr : IEquatable<Multiaddr>
{
    /// <summary>
    /// The longest binary form accepted or built (1024 bytes). Real addresses are well under 200 bytes;
    /// the limit bounds what a peer can make us allocate through identify or mDNS.
    /// </summary>
    public const int MaxByteLength = 1024;

    private readonly MultiaddrComponent[] _components;
    private readonly byte[] _bytes;
    private readonly string _text;

    private Multiaddr(MultiaddrComponent[] components)
    {
        var length = 0;
        foreach (var component in components)
        {
            length += component.EncodedLength;
        }

        if (length > MaxByteLength)
        {
            throw new ArgumentException($"The multiaddr would be {length} bytes long, over the {MaxByteLength}-byte limit.", nameof(components));
        }

        _components = components;
        _bytes = new byte[length];
        var written = 0;
        var text = new StringBuilder();
        foreach (var component in components)
        {
            written += component.WriteTo(_bytes.AsSpan(written));
            text.Append(component.ToString());
        }

        // The empty multiaddr prints as "/", as js does.
        _text = components.Length == 0 ? "/" : text.ToString();
    }

    /// <summary>The multiaddr with no components (text <c>/</c>, no bytes).</summary>
    public static Multiaddr Empty { get; } = new([]);

    /// <summary>The components in order.</summary>
    public IReadOnlyList<MultiaddrComponent> Components => _components;

    /// <summary>True when there are no components.</summary>
    public bool IsEmpty => _components.Length == 0;

    /// <summary>The binary form, without copying.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>Makes a multiaddr of <paramref name="components"/>.</summary>
    /// <exception cref="ArgumentException">The result would be longer than <see cref="MaxByteLength"/> bytes.</exception>
    public static Multiaddr FromComponents(IEnumerable<MultiaddrComponent> components)
    {
        var array = components.ToArray();
        return array.Length == 0 ? Empty : new Multiaddr(array);
    }

    /// <summary>A copy of the binary form.</summary>
    public byte[] ToBytes() => (byte[])_bytes.Clone();

    /// <summary>This multiaddr followed by <paramref name="inner"/> (<c>/ip4/…/tcp/1</c> + <c>/p2p/…</c>).</summary>
    /// <exception cref="ArgumentException">The result would be longer than <see cref="MaxByteLength"/> bytes.</exception>
    public Multiaddr Encapsulate(Multiaddr inner)
    {
        if (inner.IsEmpty)
        {
            return this;
        }

        return IsEmpty ? inner : new Multiaddr([.. _components, .. inner._components]);
    }

    /// <summary>The text form, e.g. <c>/ip4/127.0.0.1/tcp/4001/p2p/12D3KooW…</c>.</summary>
    public override string ToString() => _text;

    /// <inheritdoc/>
    public bool Equals(Multiaddr? other) => other is not null && _bytes.AsSpan().SequenceEqual(other._bytes);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Multiaddr);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(_bytes);
        return hash.ToHashCode();
    }

    /// <summary>Equality by binary form.</summary>
    public static bool operator ==(Multiaddr? left, Multiaddr? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Inequality by binary form.</summary>
    public static bool operator !=(Multiaddr? left, Multiaddr? right) => !(left == right);
}
