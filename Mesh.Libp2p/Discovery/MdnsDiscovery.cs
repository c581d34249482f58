using System.Net.Sockets;
using Mesh.Libp2p.Host;
using Mesh.Libp2p.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mesh.Libp2p.Discovery;

/// <summary>
/// libp2p mDNS discovery (libp2p discovery/mdns.md, wire-compatible with js @libp2p/mdns 12): queries for
/// <c>_p2p._udp.local</c> at start, whenever an interface appears, and every <see cref="MdnsOptions.QueryInterval"/>;
/// answers queries at once with the host's private and loopback addresses; raises <see cref="PeerDiscovered"/> for
/// other peers' answers and dials those not connected. Malformed datagrams are counted and dropped.
/// </summary>
public sealed partial class MdnsDiscovery : IAsyncDisposable
{
    private readonly ILibp2pHost _host;
    private readonly MdnsOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TaskTracker _tasks;
    private readonly MdnsDialer _dialer;
    private readonly MdnsRateLimiter _answerLimiter;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<MdnsSocket> _sockets = [];
    private readonly byte[] _query;
    private int _started;
    private int _disposed;

    /// <summary>Creates discovery for <paramref name="host"/>; nothing is sent before <see cref="StartAsync"/>.</summary>
    public MdnsDiscovery(ILibp2pHost host, MdnsOptions options, ILoggerFactory? loggers = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _host = host;
        _options = options;
        _time = time ?? TimeProvider.System;
        _logger = (loggers ?? NullLoggerFactory.Instance).CreateLogger<MdnsDiscovery>();
        _tasks = new TaskTracker(ex => MdnsLog.BackgroundFailure(_logger, ex));
        _dialer = new MdnsDialer(host, options, _time, _tasks, Statistics, _logger);
        _answerLimiter = new MdnsRateLimiter(options.MaxResponsesPerWindow, options.ResponseWindow, _time);
        PeerName = MdnsProtocol.NewPeerName(options.PeerNameLength);
        _query = MdnsProtocol.BuildQuery(options.ServiceName);
    }

    /// <summary>Raised for each answer that names a peer with new or changed addresses (not for this host's own answers).</summary>
    public event EventHandler<PeerDiscoveredEventArgs>? PeerDiscovered;

    /// <summary>The random name this host answers under (<c>&lt;PeerName&gt;._p2p._udp.local</c>).</summary>
    public string PeerName { get; }

    /// <summary>Counters of packets and dials.</summary>
    public MdnsStatistics Statistics { get; } = new();

    /// <summary>Opens the sockets, joins the group on the chosen interfaces, sends the first query, and starts the loops.</summary>
    /// <exception cref="SocketException">No socket could be opened on the mDNS port.</exception>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        cancellationToken.ThrowIfCancellationRequested();
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("mDNS discovery is already started.");
        }

        OpenSockets();
        var interfaces = MdnsInterface.Select(_options);
        foreach (var socket in _sockets)
        {
            socket.Refresh(interfaces);
            var owned = socket;
            _tasks.TryRun(() => ReceiveLoopAsync(owned, _stopping.Token));
        }

        MdnsLog.Started(_logger, PeerName, _options.Port);
        SendQuery();
        _tasks.TryRun(() => QueryLoopAsync(_stopping.Token));
        return Task.CompletedTask;
    }

    /// <summary>Stops the loops and dials, waits for them, and closes the sockets.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Receives observe cancellation, so the loops end before their sockets close under them.
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _tasks.WaitAllAsync().ConfigureAwait(false);
        foreach (var socket in _sockets)
        {
            socket.Dispose();
        }

        _stopping.Dispose();
    }

    private void OpenSockets()
    {
        var families = new List<AddressFamily>();
        if (_options.UseIPv4)
        {
            families.Add(AddressFamily.InterNetwork);
        }

        if (_options.UseIPv6 && Socket.OSSupportsIPv6)
        {
            families.Add(AddressFamily.InterNetworkV6);
        }

        SocketException? last = null;
        foreach (var family in families)
        {
            try
            {
                _sockets.Add(MdnsSocket.Open(family, _options.Port, _logger));
            }
            catch (SocketException ex)
            {
                last = ex;
                MdnsLog.FamilyUnavailable(_logger, family, ex.Message);
            }
        }

        if (_sockets.Count == 0)
        {
            throw last ?? new SocketException((int)SocketError.AddressFamilyNotSupported);
        }
    }
}
