using System.Threading.Channels;
using Mesh.Libp2p.Host;
using Mesh.Libp2p.Identity;

namespace Mesh.Libp2p.PubSub;

/// <summary>What the router knows about one pubsub peer. Every field is guarded by the router's lock.</summary>
internal sealed class GossipPeer(PeerId id)
{
    public PeerId Id { get; } = id;

    /// <summary>The topics the peer told us it subscribes to.</summary>
    public HashSet<string> Topics { get; } = new(StringComparer.Ordinal);

    /// <summary>Cancelled when the peer goes away or the router stops; ends its writer and reader.</summary>
    public CancellationTokenSource Lifetime { get; } = new();

    /// <summary>Framed RPCs for the writer task; null while no writer runs.</summary>
    public Channel<byte[]>? Outbound { get; set; }

    /// <summary>The protocol negotiated on our outbound stream; null until it is open.</summary>
    public string? Protocol { get; set; }

    /// <summary>The peer's current inbound stream; a newer one replaces (aborts) it, as js does (wire notes §10.1).</summary>
    public Libp2pStream? Inbound { get; set; }

    public bool IsFloodsub => Protocol == GossipProtocols.FloodSub;

    /// <summary>True when the peer can be sent gossipsub control (it has a writer and is not a floodsub peer).</summary>
    public bool SpeaksGossipsub => Outbound is not null && !IsFloodsub;

    public int IHavesThisHeartbeat { get; set; }

    public int IdsAskedThisHeartbeat { get; set; }

    public int IWantsThisHeartbeat { get; set; }

    public int GraftsThisHeartbeat { get; set; }

    public void ResetHeartbeatCounters()
    {
        IHavesThisHeartbeat = 0;
        IdsAskedThisHeartbeat = 0;
        IWantsThisHeartbeat = 0;
        GraftsThisHeartbeat = 0;
    }
}
