using System.Net;
using System.Net.Sockets;
using Mesh.Libp2p.Addressing;

namespace Mesh.Libp2p.Transport;

/// <summary>TCP over IPv4 and IPv6: listening sockets and dials to <c>/ip4|ip6|dns|dns4|dns6/…/tcp/PORT</c>.</summary>
public static class TcpTransport
{
    /// <summary>True when <paramref name="address"/> names a TCP endpoint this transport can dial or listen on.</summary>
    public static bool CanHandle(Multiaddr address) =>
        address.TryGetTcpEndPoint(out _) || address.TryGetDnsTcp(out _, out _, out _);

    /// <summary>Binds and starts listening on an <c>/ip4|ip6/ADDR/tcp/PORT</c> address (port 0 picks a free one).</summary>
    /// <exception cref="ArgumentException">The address is not an IP/TCP address.</exception>
    /// <exception cref="SocketException">The address cannot be bound.</exception>
    public static Socket Listen(Multiaddr address, int backlog)
    {
        if (!address.TryGetTcpEndPoint(out var endPoint))
        {
            throw new ArgumentException($"Cannot listen on '{address}': only /ip4/…/tcp/… and /ip6/…/tcp/… addresses can be listened on.", nameof(address));
        }

        var socket = new Socket(endPoint!.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (endPoint.AddressFamily == AddressFamily.InterNetworkV6)
            {
                // An /ip6/ listener serves IPv6 only; /ip4/ addresses get their own socket.
                socket.DualMode = false;
            }

            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(endPoint);
            socket.Listen(backlog);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The address a listening socket is bound to, as a multiaddr.</summary>
    public static Multiaddr LocalAddress(Socket socket) => Multiaddr.FromEndPoint((IPEndPoint)socket.LocalEndPoint!);

    /// <summary>Connects to a TCP multiaddr (resolving DNS names) and returns the connected socket.</summary>
    /// <exception cref="ArgumentException">The address is not a TCP address.</exception>
    /// <exception cref="SocketException">No resolved address accepted the connection.</exception>
    public static async Task<Socket> DialAsync(Multiaddr address, CancellationToken cancellationToken = default)
    {
        IPEndPoint[] candidates;
        if (address.TryGetTcpEndPoint(out var endPoint))
        {
            candidates = [endPoint!];
        }
        else if (address.TryGetDnsTcp(out var host, out var port, out var family))
        {
            var resolved = await Dns.GetHostAddressesAsync(host, family, cancellationToken).ConfigureAwait(false);
            candidates = resolved.Select(a => new IPEndPoint(a, port)).ToArray();
            if (candidates.Length == 0)
            {
                throw new SocketException((int)SocketError.HostNotFound);
            }
        }
        else
        {
            throw new ArgumentException($"Cannot dial '{address}': it is not a TCP address.", nameof(address));
        }

        SocketException? last = null;
        foreach (var candidate in candidates)
        {
            var socket = new Socket(candidate.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(candidate, cancellationToken).ConfigureAwait(false);
                return socket;
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last!;
    }

    /// <summary>Sets the options every connection socket gets: no Nagle delay, TCP keepalive.</summary>
    public static void Configure(Socket socket)
    {
        socket.NoDelay = true;
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
    }
}
