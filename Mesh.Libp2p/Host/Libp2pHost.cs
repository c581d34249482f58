using System.Collections.Concurrent;
using System.Net.Sockets;
using Mesh.Libp2p.Addressing;
using Mesh.Libp2p.Identity;
using Mesh.Libp2p.Internal;
using Mesh.Libp2p.Protocols.Identify;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mesh.Libp2p.Host;

/// <summary>
/// A libp2p host over TCP: listens, dials, keeps one connection per peer, answers identify and ping,
/// and hands inbound streams to the handlers registered for their protocols.
/// </summary>
public sealed partial class Libp2pHost : ILibp2pHost
{
    private readonly IdentityKey _identity;
    private readonly Libp2pHostOptions _options;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly ConnectionUpgrader _upgrader;
    private readonly IdentifyProtocol _identify;
    private readonly TaskTracker _tasks;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<string, StreamHandler> _handlers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<PeerId, Connection> _connections = new();
    private readonly ConcurrentDictionary<PeerId, PeerInfo> _peerInfo = new();
    private readonly List<Socket> _listeners = [];
    private readonly SemaphoreSlim _inboundUpgrades;
    private readonly AddressBook _addressBook;
    private IReadOnlyList<Multiaddr> _listenAddresses = [];
    private int _started;
    private int _disposed;

    /// <summary>Creates a host; call <see cref="StartAsync"/> to listen.</summary>
    /// <exception cref="ArgumentException">An option is out of range (the message names it).</exception>
    public Libp2pHost(IdentityKey identity, Libp2pHostOptions options, ILoggerFactory? loggers = null, TimeProvider? time = null)
    {
        options.Validate();
        _identity = identity;
        _options = options;
        _loggers = loggers ?? NullLoggerFactory.Instance;
        _logger = _loggers.CreateLogger<Libp2pHost>();
        _time = time ?? TimeProvider.System;
        _upgrader = new ConnectionUpgrader(identity, options, _loggers, _time);
        _identify = new IdentifyProtocol(options.Identify, _time, _loggers.CreateLogger<IdentifyProtocol>());
        _tasks = new TaskTracker(ex => LogBackgroundFailure(_logger, ex));
        _inboundUpgrades = new SemaphoreSlim(options.MaxPendingInboundUpgrades);
        _addressBook = new AddressBook(options.MaxKnownPeers, options.MaxKnownAddressesPerPeer);
        RegisterBuiltInProtocols();
    }

    /// <inheritdoc/>
    public PeerId PeerId => _identity.PeerId;

    /// <inheritdoc/>
    public IReadOnlyList<Multiaddr> ListenAddresses => _listenAddresses;

    /// <inheritdoc/>
    public IReadOnlyCollection<PeerId> ConnectedPeers => [.. _connections.Keys];

    /// <inheritdoc/>
    public event EventHandler<PeerEventArgs>? PeerConnected;

    /// <inheritdoc/>
    public event EventHandler<PeerEventArgs>? PeerDisconnected;

    /// <inheritdoc/>
    public event EventHandler<PeerIdentifiedEventArgs>? PeerIdentified;

    /// <summary>Binds every listen address and starts accepting connections.</summary>
    /// <exception cref="SocketException">A listen address cannot be bound; nothing is left listening.</exception>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("The host is already started.");
        }

        try
        {
            foreach (var address in _options.ListenAddresses)
            {
                cancellationToken.ThrowIfCancellationRequested();
                _listeners.Add(Transport.TcpTransport.Listen(address, _options.ListenBacklog));
            }
        }
        catch
        {
            foreach (var listener in _listeners)
            {
                listener.Dispose();
            }

            _listeners.Clear();
            throw;
        }

        _listenAddresses = _listeners
            .SelectMany(l => ListenAddressExpander.Expand(Transport.TcpTransport.LocalAddress(l)))
            .Select(a => a.WithPeerId(PeerId))
            .ToArray();
        foreach (var listener in _listeners)
        {
            _tasks.TryRun(() => AcceptLoopAsync(listener, _stopping.Token));
        }

        foreach (var address in _listenAddresses)
        {
            LogListening(_logger, address);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public void SetStreamHandler(string protocol, StreamHandler handler)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(protocol);
        _handlers[protocol] = handler;
        PushIdentifyToPeers();
    }

    /// <inheritdoc/>
    public void RemoveStreamHandler(string protocol)
    {
        if (_handlers.TryRemove(protocol, out _))
        {
            PushIdentifyToPeers();
        }
    }

    /// <inheritdoc/>
    public PeerInfo? GetPeerInfo(PeerId peer) => _peerInfo.GetValueOrDefault(peer);

    /// <inheritdoc/>
    public bool TryGetKnownAddresses(PeerId peer, out IReadOnlyList<Multiaddr> addresses) => _addressBook.TryGet(peer, out addresses);

    /// <summary>Stops listening, closes every connection, and waits for every task the host started.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        foreach (var listener in _listeners)
        {
            listener.Dispose();
        }

        foreach (var connection in _connections.Values)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }

        await _tasks.WaitAllAsync().ConfigureAwait(false);
        _stopping.Dispose();
        _inboundUpgrades.Dispose();
    }

    private void Raise<T>(EventHandler<T>? handler, T args, string name)
        where T : EventArgs
    {
        if (handler is null)
        {
            return;
        }

        foreach (var subscriber in handler.GetInvocationList().Cast<EventHandler<T>>())
        {
            try
            {
                subscriber(this, args);
            }
            catch (Exception ex)
            {
                // A subscriber's bug must not take down the connection that raised the event.
                LogEventHandlerFailed(_logger, name, ex);
            }
        }
    }
}
