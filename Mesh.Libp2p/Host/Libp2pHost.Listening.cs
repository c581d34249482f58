using System.Net;
using System.Net.Sockets;
using Mesh.Libp2p.Addressing;
using Mesh.Libp2p.Transport;

namespace Mesh.Libp2p.Host;

public sealed partial class Libp2pHost
{
    private async Task AcceptLoopAsync(Socket listener, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException ex)
            {
                // Transient accept failures (a connection reset before accept, file descriptors exhausted)
                // must not stop the listener; a short pause keeps a persistent error from spinning.
                LogAcceptFailed(_logger, ex.SocketErrorCode);
                await Task.Delay(TimeSpan.FromMilliseconds(50), _time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var remote = socket.RemoteEndPoint is IPEndPoint ep ? Multiaddr.FromEndPoint(ep) : null;
            if (remote is null || _connections.Count >= _options.MaxConnections || !_inboundUpgrades.Wait(0, CancellationToken.None))
            {
                LogInboundRefused(_logger, remote?.ToString() ?? "?", _connections.Count);
                socket.Close(0);
                continue;
            }

            TcpTransport.Configure(socket);
            if (!_tasks.TryRun(() => AcceptInboundAsync(socket, remote, cancellationToken)))
            {
                _inboundUpgrades.Release();
                socket.Dispose();
            }
        }
    }

    private async Task AcceptInboundAsync(Socket socket, Multiaddr remote, CancellationToken cancellationToken)
    {
        UpgradedConnection upgraded;
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(_options.UpgradeTimeout);
            try
            {
                upgraded = await _upgrader.UpgradeAsync(socket, ConnectionDirection.Inbound, null, deadline.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsPeerFailure(ex) || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                LogUpgradeFailed(_logger, "inbound", remote, DescribeFailure(ex, deadline.IsCancellationRequested));
                socket.Close(0);
                return;
            }
        }
        finally
        {
            _inboundUpgrades.Release();
        }

        await RunConnectionAsync(new Connection(socket, upgraded, remote, ConnectionDirection.Inbound, PeerId)).ConfigureAwait(false);
    }

    /// <summary>Failures a remote peer can cause; they close one connection and are logged, never thrown further.</summary>
    private static bool IsPeerFailure(Exception ex) =>
        ex is Libp2pException or IOException or SocketException or ObjectDisposedException or InvalidOperationException
            or System.Security.Cryptography.CryptographicException;

    private static string DescribeFailure(Exception ex, bool deadlinePassed) =>
        deadlinePassed ? "the peer did not finish in time" : $"{ex.GetType().Name}: {ex.Message}";
}
