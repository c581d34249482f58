using System.Collections.Concurrent;
using System.Net.Sockets;
using Mesh.Libp2p.Addressing;
using Mesh.Libp2p.Identity;
using Mesh.Libp2p.Transport;

namespace Mesh.Libp2p.Host;

public sealed partial class Libp2pHost
{
    private readonly ConcurrentDictionary<string, Task<PeerId>> _pendingDials = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The address is not dialable TCP, or names this host.</exception>
    /// <exception cref="Libp2pException">The peer could not be reached or the upgrade failed (the message says why).</exception>
    public async Task<PeerId> DialAsync(Multiaddr address, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        var expected = address.PeerId;
        if (expected == PeerId)
        {
            throw new ArgumentException($"'{address}' is this host's own address.", nameof(address));
        }

        if (!TcpTransport.CanHandle(address))
        {
            throw new ArgumentException($"Cannot dial '{address}': only TCP addresses (/ip4, /ip6, /dns, /dns4, /dns6 with /tcp) are supported.", nameof(address));
        }

        if (expected is not null && _connections.TryGetValue(expected, out var live) && !live.IsClosing)
        {
            return expected;
        }

        // Concurrent dials to the same peer (or the same address) share one attempt: one connection per peer.
        var key = expected?.ToString() ?? address.ToString();
        var attempt = _pendingDials.GetOrAdd(key, _ => StartDial(address, expected, key));
        return await attempt.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private Task<PeerId> StartDial(Multiaddr address, PeerId? expected, string key)
    {
        var result = new TaskCompletionSource<PeerId>(TaskCreationOptions.RunContinuationsAsynchronously);

        // The attempt stops being "pending" the moment it settles, not when its connection ends much later:
        // a dial after that must see the connection itself (or its absence), never this finished attempt.
        void Settle(PeerId? peer, Exception? error)
        {
            _pendingDials.TryRemove(new KeyValuePair<string, Task<PeerId>>(key, result.Task));
            if (error is null)
            {
                result.TrySetResult(peer!);
            }
            else
            {
                result.TrySetException(error);
            }
        }

        var started = _tasks.TryRun(async () =>
        {
            try
            {
                await DialNewAsync(address, expected, peer => Settle(peer, null)).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                Settle(null, ex);
            }
            finally
            {
                if (!result.Task.IsCompleted)
                {
                    Settle(null, new Libp2pException($"Dialing {address} ended before the connection was registered."));
                }
            }
        });
        if (!started)
        {
            _pendingDials.TryRemove(new KeyValuePair<string, Task<PeerId>>(key, result.Task));
            result.TrySetException(new ObjectDisposedException(nameof(Libp2pHost)));
        }

        return result.Task;
    }

    /// <summary>Dials, upgrades, then runs the connection for its whole life; <paramref name="registered"/> is told once it is registered.</summary>
    private async Task DialNewAsync(Multiaddr address, PeerId? expected, Action<PeerId> registered)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        deadline.CancelAfter(_options.DialTimeout);
        Socket? socket = null;
        UpgradedConnection upgraded;
        try
        {
            socket = await TcpTransport.DialAsync(address.WithoutPeerId(), deadline.Token).ConfigureAwait(false);
            TcpTransport.Configure(socket);
            upgraded = await _upgrader.UpgradeAsync(socket, ConnectionDirection.Outbound, expected, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsPeerFailure(ex) || ex is OperationCanceledException)
        {
            socket?.Close(0);
            var reason = DescribeFailure(ex, deadline.IsCancellationRequested && !_stopping.IsCancellationRequested);
            LogUpgradeFailed(_logger, "outbound", address, reason);
            throw new Libp2pException($"Dialing {address} failed: {reason}", ex);
        }

        var connection = new Connection(socket, upgraded, address.WithoutPeerId(), ConnectionDirection.Outbound, PeerId);
        await RunConnectionAsync(connection, registered).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task DisconnectAsync(PeerId peer, CancellationToken cancellationToken = default)
    {
        if (_connections.TryGetValue(peer, out var connection))
        {
            await connection.DisposeAsync().AsTask().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
