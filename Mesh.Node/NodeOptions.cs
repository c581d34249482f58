using Mesh.Libp2p.Addressing;

namespace Mesh.Node;

/// <summary>What <c>mesh-node</c> was asked to do, from its flags; validated before anything starts.</summary>
public sealed class NodeOptions
{
    /// <summary>The default TCP port of a mesh node.</summary>
    public const int DefaultPort = 4001;

    /// <summary>Where the identity key, the mesh key and the database live.</summary>
    public string DataDir { get; set; } = DataDirectory.Default();

    /// <summary>Addresses to listen on; default all IPv4 and IPv6 interfaces on port 4001.</summary>
    public IList<Multiaddr> Listen { get; } = [];

    /// <summary>Static peers, dialed at start (machines mDNS cannot see).</summary>
    public IList<Multiaddr> Peers { get; } = [];

    /// <summary>The mesh key file (a libp2p <c>swarm.key</c>); default <c>DATA_DIR/swarm.key</c>, made on first start.</summary>
    public string? MeshKeyFile { get; set; }

    /// <summary>Turns mDNS discovery off.</summary>
    public bool NoMdns { get; set; }

    /// <summary>The identity key file in the data dir.</summary>
    public string IdentityKeyPath => Path.Combine(DataDir, "identity.key");

    /// <summary>The mesh key file in use.</summary>
    public string MeshKeyPath => MeshKeyFile ?? Path.Combine(DataDir, "swarm.key");

    /// <summary>The listen addresses in effect (the defaults when none were given).</summary>
    public IReadOnlyList<Multiaddr> EffectiveListen => Listen.Count > 0
        ? [.. Listen]
        : [Multiaddr.Parse($"/ip4/0.0.0.0/tcp/{DefaultPort}"), Multiaddr.Parse($"/ip6/::/tcp/{DefaultPort}")];

    /// <summary>Throws <see cref="OptionsException"/> naming the flag that is wrong.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(DataDir))
        {
            throw new OptionsException("--data-dir", "must name a directory");
        }

        foreach (var address in Listen)
        {
            if (!address.TryGetTcpEndPoint(out _))
            {
                throw new OptionsException("--listen", $"'{address}' is not an /ip4/ADDR/tcp/PORT or /ip6/ADDR/tcp/PORT address");
            }
        }

        foreach (var peer in Peers)
        {
            if (peer.PeerId is null)
            {
                throw new OptionsException("--peer", $"'{peer}' must end in /p2p/PEER_ID so the node knows whom it dials");
            }

            if (!peer.TryGetTcpEndPoint(out _) && !peer.TryGetDnsTcp(out _, out _, out _))
            {
                throw new OptionsException("--peer", $"'{peer}' is not a TCP address (/ip4, /ip6, /dns, /dns4 or /dns6 with /tcp)");
            }
        }

        if (MeshKeyFile is not null && !File.Exists(MeshKeyFile))
        {
            throw new OptionsException("--mesh-key", $"'{MeshKeyFile}' does not exist (leave the flag out to use DATA_DIR/swarm.key, made on first start)");
        }
    }
}
