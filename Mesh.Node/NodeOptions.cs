using System.Text;
using Mesh.Core.Policy;
using Mesh.Core.Resources;
using Mesh.Libp2p.Addressing;

namespace Mesh.Node;

/// <summary>
/// What <c>mesh-node</c> was asked to do, from its flags, <c>MESH_*</c> environment variables and config file
/// (see <see cref="NodeOptionsBuilder"/>); validated before anything starts.
/// </summary>
public sealed class NodeOptions
{
    /// <summary>The default TCP port of a mesh node.</summary>
    public const int DefaultPort = 4001;

    /// <summary>The most bytes of a Unix socket path (sun_path is 108 bytes with its terminating zero).</summary>
    public const int MaxUnixSocketPathBytes = 107;

    private string? _controlSocketPath;

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

    /// <summary>The node's short human name (<c>--name</c>); default the host name up to its first dot.</summary>
    public string Name { get; set; } = DefaultName();

    /// <summary><c>--capacity</c>: the keys given replace what the probe detects.</summary>
    public ResourceSpec CapacityOverride { get; set; } = ResourceSpec.Empty;

    /// <summary><c>--reserve</c>: what the owner keeps, per resource.</summary>
    public ResourceSpec Reserve { get; set; } = ResourceSpec.Empty;

    /// <summary><c>--share</c>: the percent of capacity given to the layer, per resource (not a resource also in <see cref="Reserve"/>).</summary>
    public ResourceShare Share { get; set; } = ResourceShare.Empty;

    /// <summary><c>--policy</c> and its settings (<c>--headroom</c>, <c>--hold-time</c>, <c>--forecast-horizon</c>); default static.</summary>
    public SurplusPolicyOptions Policy { get; set; } = new();

    /// <summary><c>--probe-interval</c>: how often the owner's usage is measured. Default 2 s.</summary>
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary><c>--allow</c>: the peers allowed to run tasks here; null lets every member of the mesh.</summary>
    public IReadOnlySet<string>? AllowedPeers { get; set; }

    /// <summary><c>--guest-limit</c>: the most one task of another peer may take here, per resource given.</summary>
    public ResourceSpec GuestLimit { get; set; } = ResourceSpec.Empty;

    /// <summary><c>--preempt</c> and <c>--evict-after</c>: what guest tasks get when the owner needs the machine back.</summary>
    public Core.Remote.Guests.GuestPreemptionOptions Preemption { get; set; } = new();

    /// <summary>The guest policy these options make.</summary>
    public Core.Remote.Guests.GuestPolicy GuestPolicy => new() { AllowedPeers = AllowedPeers, MaxPerTask = GuestLimit };

    /// <summary><c>--rerun-benchmark</c>: measure the performance score at start even if the cached one is valid.</summary>
    public bool RerunBenchmark { get; set; }

    /// <summary>The config file that was read (<c>--config</c>, or <c>DATA_DIR/mesh-node.json</c> when it exists), or null.</summary>
    public string? ConfigFile { get; set; }

    /// <summary><c>--control unix:PATH</c>: the control API socket; default <c>DATA_DIR/control.sock</c>.</summary>
    public string ControlSocketPath
    {
        get => _controlSocketPath ?? Path.Combine(DataDir, "control.sock");
        set => _controlSocketPath = value;
    }

    /// <summary>The earmark of <see cref="Reserve"/> and <see cref="Share"/>.</summary>
    public Earmark Earmark => new(Reserve, Share);

    /// <summary>The identity key file in the data dir.</summary>
    public string IdentityKeyPath => Path.Combine(DataDir, "identity.key");

    /// <summary>The mesh key file in use.</summary>
    public string MeshKeyPath => MeshKeyFile ?? Path.Combine(DataDir, "swarm.key");

    /// <summary>The listen addresses in effect (the defaults when none were given).</summary>
    public IReadOnlyList<Multiaddr> EffectiveListen => Listen.Count > 0
        ? [.. Listen]
        : [Multiaddr.Parse($"/ip4/0.0.0.0/tcp/{DefaultPort}"), Multiaddr.Parse($"/ip6/::/tcp/{DefaultPort}")];

    /// <summary>
    /// The surplus monitor's options from these, for <c>SurplusMonitor.Create(options.CreateMonitorOptions(), time, loggers)</c>
    /// (the predictive history and the score kept in the data dir).
    /// </summary>
    public SurplusMonitorOptions CreateMonitorOptions() => new()
    {
        Interval = ProbeInterval,
        CapacityOverride = CapacityOverride,
        Earmark = Earmark,
        Policy = Policy.Clone(),
        DataDir = DataDir,
        RerunBenchmark = RerunBenchmark,
    };

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

        ValidateResources();
    }

    /// <summary>The checks of the settings this issue added: name, earmark, policy, probe interval, control socket.</summary>
    private void ValidateResources()
    {
        if (NameProblem(Name) is { } nameProblem)
        {
            throw new OptionsException("--name", nameProblem);
        }

        if (Earmark.FindConflict(Reserve, Share) is { } kind)
        {
            throw new OptionsException("--share", $"{ResourceKeys.Name(kind)} is also given in --reserve; give each resource in one of them");
        }

        if (ProbeInterval < TimeSpan.FromMilliseconds(100) || ProbeInterval > TimeSpan.FromHours(1))
        {
            throw new OptionsException("--probe-interval", "must be between 100ms and 1h");
        }

        try
        {
            Policy.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new OptionsException("--policy", ex.Message);
        }

        if (ControlSocketProblem(ControlSocketPath) is { } socketProblem)
        {
            throw new OptionsException(_controlSocketPath is null ? "--control (default DATA_DIR/control.sock)" : "--control", socketProblem);
        }
    }

    /// <summary>Why <paramref name="path"/> cannot be a Unix socket path, or null.</summary>
    internal static string? ControlSocketProblem(string path)
    {
        if (!Path.IsPathRooted(path))
        {
            return $"'{path}' must be an absolute path";
        }

        var bytes = Encoding.UTF8.GetByteCount(path);
        return bytes > MaxUnixSocketPathBytes
            ? $"the socket path '{path}' is {bytes} bytes; a Unix socket path must fit in {MaxUnixSocketPathBytes} bytes (give a shorter one, e.g. --control unix:/run/user/UID/mesh.sock)"
            : null;
    }

    /// <summary>Why <paramref name="name"/> is not a node name, or null.</summary>
    internal static string? NameProblem(string? name) =>
        string.IsNullOrEmpty(name) || name.Length > 63 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? $"'{name}' is not a name: use 1 to 63 letters, digits, '-', '_' or '.'"
            : null;

    /// <summary>The host name up to its first dot, or "mesh-node" when it has no usable name.</summary>
    public static string DefaultName()
    {
        var host = Environment.MachineName.Split('.')[0];
        var cleaned = new string([.. host.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')]);
        return cleaned.Length is > 0 and <= 63 ? cleaned : "mesh-node";
    }
}
