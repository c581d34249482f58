using Mesh.Libp2p.Identity;

namespace Mesh.Libp2p.Addressing;

/// <summary>The <c>/p2p/&lt;peer id&gt;</c> part of an address.</summary>
public sealed partial class Multiaddr
{
    /// <summary>
    /// The peer the address leads to: the last <c>/p2p</c> component after the last <c>/p2p-circuit</c>, as js
    /// <c>getPeerId()</c> does, so a relay address gives the target, never the relay
    /// (<c>/…/p2p/RELAY/p2p-circuit/p2p/TARGET</c> gives TARGET; <c>/…/p2p/RELAY/p2p-circuit</c> gives null).
    /// </summary>
    public PeerId? PeerId
    {
        get
        {
            var index = IndexOfPeerId();
            return index < 0 ? null : ReadPeerId(_components[index]);
        }
    }

    /// <summary>
    /// This address naming <paramref name="peerId"/>: the component <see cref="PeerId"/> reads is replaced, or
    /// <c>/p2p/&lt;peerId&gt;</c> is appended when there is none. Afterwards <see cref="PeerId"/> is <paramref name="peerId"/>.
    /// </summary>
    public Multiaddr WithPeerId(PeerId peerId)
    {
        var p2p = MultiaddrComponent.ForPeerId(peerId);
        var index = IndexOfPeerId();
        if (index < 0)
        {
            return new Multiaddr([.. _components, p2p]);
        }

        var components = (MultiaddrComponent[])_components.Clone();
        components[index] = p2p;
        return new Multiaddr(components);
    }

    /// <summary>This address without the component <see cref="PeerId"/> reads; itself when there is none.</summary>
    public Multiaddr WithoutPeerId()
    {
        var index = IndexOfPeerId();
        return index < 0 ? this : FromComponents(_components.Where((_, i) => i != index));
    }

    private static PeerId ReadPeerId(MultiaddrComponent component)
    {
        // Components are only built from validated peer id bytes, so this cannot fail.
        PeerId.TryFromBytes(component.Value, out var peerId);
        return peerId!;
    }

    private int IndexOfPeerId()
    {
        for (var i = _components.Length - 1; i >= 0; i--)
        {
            var protocol = _components[i].Protocol;
            if (ReferenceEquals(protocol, MultiaddrProtocol.P2p))
            {
                return i;
            }

            if (ReferenceEquals(protocol, MultiaddrProtocol.P2pCircuit))
            {
                return -1;
            }
        }

        return -1;
    }
}
