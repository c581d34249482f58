namespace Mesh.Libp2p.Discovery;

/// <summary>Settings of <see cref="MdnsDiscovery"/>; defaults follow the libp2p mDNS spec and js @libp2p/mdns where they matter for interop.</summary>
public sealed class MdnsOptions
{
    /// <summary>The mDNS port (RFC 6762 §3). Default 5353.</summary>
    public int Port { get; set; } = 5353;

    /// <summary>The DNS-SD service name asked for and answered (libp2p mdns.md). Default <c>_p2p._udp.local</c>.</summary>
    public string ServiceName { get; set; } = "_p2p._udp.local";

    /// <summary>Time between periodic queries. Default 5 s (js uses 10 s); a query also goes out at start and whenever an interface appears.</summary>
    public TimeSpan QueryInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the interfaces are checked for ones that appeared, came up, or went down. Default 1 s.</summary>
    public TimeSpan InterfaceCheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Length of the random peer name (one DNS label of [a-z0-9]). 32 to 63; default 63, as js.</summary>
    public int PeerNameLength { get; set; } = 63;

    /// <summary>TTL of the records this host answers with. Default 120 s, as js.</summary>
    public TimeSpan RecordTtl { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>Names of the interfaces to use; empty (the default) means every up, multicast-capable interface.</summary>
    public IList<string> InterfaceNames { get; } = [];

    /// <summary>Whether loopback interfaces are used too (they are not by default; tests in a namespace may want them).</summary>
    public bool IncludeLoopback { get; set; }

    /// <summary>Whether to use IPv4 (224.0.0.251). Default true.</summary>
    public bool UseIPv4 { get; set; } = true;

    /// <summary>Whether to use IPv6 (ff02::fb). Default true; it is skipped with a log line where the system has no IPv6.</summary>
    public bool UseIPv6 { get; set; } = true;

    /// <summary>The largest datagram received or sent; bigger ones are dropped, and answers hold only the addresses that fit. Default 9000 (RFC 6762 §17).</summary>
    public int MaxPacketSize { get; set; } = 9000;

    /// <summary>
    /// The most answers sent per <see cref="ResponseWindow"/>, so a flood of queries cannot make this host flood. Default 32:
    /// when N hosts start together each receives about 2N queries (one per address family each) within a second or two,
    /// and at 10 a lab of 8 hosts already left queries unanswered; 32 answers of a few hundred bytes a second is still
    /// only some 10 KB/s.
    /// </summary>
    public int MaxResponsesPerWindow { get; set; } = 32;

    /// <summary>The window of <see cref="MaxResponsesPerWindow"/>. Default 1 s.</summary>
    public TimeSpan ResponseWindow { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Whether discovered peers that are not connected are dialed (js only reports them). Default true.</summary>
    public bool DialDiscoveredPeers { get; set; } = true;

    /// <summary>The most dials in progress at once; peers found meanwhile wait for a free slot. Default 4.</summary>
    public int MaxConcurrentDials { get; set; } = 4;

    /// <summary>How long after a dial attempt the same peer is not dialed again; doubles with each failure. Default 5 s.</summary>
    public TimeSpan DialBackoff { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest backoff after repeated failures. Default 2 min.</summary>
    public TimeSpan MaxDialBackoff { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The most peers remembered (for backoff and change detection); the oldest are forgotten first. Default 1024.</summary>
    public int MaxTrackedPeers { get; set; } = 1024;

    /// <summary>The most addresses taken from one answer. Default 32.</summary>
    public int MaxAddressesPerPeer { get; set; } = 32;

    /// <summary>Throws if a setting is out of range, naming it.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Port, nameof(Port));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Port, 65535, nameof(Port));
        if (string.IsNullOrWhiteSpace(ServiceName))
        {
            throw new ArgumentException("ServiceName must be a DNS name.", nameof(ServiceName));
        }

        Positive(QueryInterval, nameof(QueryInterval));
        Positive(InterfaceCheckInterval, nameof(InterfaceCheckInterval));
        Positive(ResponseWindow, nameof(ResponseWindow));
        Positive(DialBackoff, nameof(DialBackoff));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDialBackoff, DialBackoff, nameof(MaxDialBackoff));
        ArgumentOutOfRangeException.ThrowIfLessThan(PeerNameLength, 32, nameof(PeerNameLength));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(PeerNameLength, 63, nameof(PeerNameLength));
        ArgumentOutOfRangeException.ThrowIfLessThan(RecordTtl, TimeSpan.FromSeconds(1), nameof(RecordTtl));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(RecordTtl, TimeSpan.FromSeconds(uint.MaxValue), nameof(RecordTtl));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPacketSize, 512, nameof(MaxPacketSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxPacketSize, 65507, nameof(MaxPacketSize));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxResponsesPerWindow, nameof(MaxResponsesPerWindow));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxConcurrentDials, nameof(MaxConcurrentDials));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxTrackedPeers, nameof(MaxTrackedPeers));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxAddressesPerPeer, nameof(MaxAddressesPerPeer));
        if (!UseIPv4 && !UseIPv6)
        {
            throw new ArgumentException("At least one of UseIPv4 and UseIPv6 must be on.", nameof(UseIPv4));
        }
    }

    private static void Positive(TimeSpan value, string name) => ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero, name);
}
