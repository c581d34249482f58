using Mesh.Libp2p.Addressing;
using Mesh.Libp2p.Pnet;
using Mesh.Libp2p.Protocols.Identify;
using Mesh.Libp2p.Yamux;

namespace Mesh.Libp2p.Host;

/// <summary>Settings of a <see cref="Libp2pHost"/>. Every limit and timeout of the connection path is here.</summary>
public sealed class Libp2pHostOptions
{
    /// <summary>Addresses to listen on. Default: none (dial only).</summary>
    public IList<Multiaddr> ListenAddresses { get; } = [];

    /// <summary>The private-network key; when set, only peers holding the same key can connect (pnet).</summary>
    public PreSharedKey? PreSharedKey { get; set; }

    /// <summary>Time allowed for one dial: TCP connect plus the whole upgrade. Default 10 s (as js-libp2p).</summary>
    public TimeSpan DialTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Time an inbound connection has to finish pnet, Noise and muxer negotiation. Default 10 s (as js-libp2p).</summary>
    public TimeSpan UpgradeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Time a stream has to agree on its protocol. Default 10 s (as js-libp2p).</summary>
    public TimeSpan ProtocolNegotiationTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Time allowed for identify on a new connection. Default 5 s (as js-libp2p).</summary>
    public TimeSpan IdentifyTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Inbound connections that may be mid-upgrade at once; more are refused. Default 64.</summary>
    public int MaxPendingInboundUpgrades { get; set; } = 64;

    /// <summary>Connections the host keeps at once; inbound connections past it are refused. Default 1024.</summary>
    public int MaxConnections { get; set; } = 1024;

    /// <summary>Streams a peer may have open to handlers at once on one connection. Default 512.</summary>
    public int MaxInboundStreamsPerConnection { get; set; } = 512;

    /// <summary>The listen backlog of each TCP socket. Default 512.</summary>
    public int ListenBacklog { get; set; } = 512;

    /// <summary>
    /// Peers whose identified listen addresses the host remembers, also after they disconnect (see
    /// <see cref="ILibp2pHost.TryGetKnownAddresses"/>); the least recently identified are forgotten first. Default 1024.
    /// </summary>
    public int MaxKnownPeers { get; set; } = 1024;

    /// <summary>Listen addresses remembered per known peer; the rest of what identify announced is ignored. Default 16.</summary>
    public int MaxKnownAddressesPerPeer { get; set; } = 16;

    /// <summary>Settings of the yamux muxer of every connection.</summary>
    public YamuxOptions Yamux { get; } = new();

    /// <summary>Settings of identify.</summary>
    public IdentifyOptions Identify { get; } = new();

    /// <summary>Throws if a setting is out of range; the message names the option.</summary>
    public void Validate()
    {
        RequirePositive(DialTimeout, nameof(DialTimeout));
        RequirePositive(UpgradeTimeout, nameof(UpgradeTimeout));
        RequirePositive(ProtocolNegotiationTimeout, nameof(ProtocolNegotiationTimeout));
        RequirePositive(IdentifyTimeout, nameof(IdentifyTimeout));
        RequireAtLeastOne(MaxPendingInboundUpgrades, nameof(MaxPendingInboundUpgrades));
        RequireAtLeastOne(MaxConnections, nameof(MaxConnections));
        RequireAtLeastOne(MaxInboundStreamsPerConnection, nameof(MaxInboundStreamsPerConnection));
        RequireAtLeastOne(ListenBacklog, nameof(ListenBacklog));
        RequireAtLeastOne(MaxKnownPeers, nameof(MaxKnownPeers));
        RequireAtLeastOne(MaxKnownAddressesPerPeer, nameof(MaxKnownAddressesPerPeer));
        Yamux.Validate();
        Identify.Validate();
        foreach (var address in ListenAddresses)
        {
            if (!address.TryGetTcpEndPoint(out _))
            {
                throw new ArgumentException($"{nameof(Libp2pHostOptions)}.{nameof(ListenAddresses)}: '{address}' is not an /ip4|ip6/…/tcp/… address.");
            }
        }
    }

    private static void RequirePositive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{nameof(Libp2pHostOptions)}.{name} must be positive.");
        }
    }

    private static void RequireAtLeastOne(int value, string name)
    {
        if (value < 1)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{nameof(Libp2pHostOptions)}.{name} must be at least 1.");
        }
    }
}
