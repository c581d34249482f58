using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Mesh.Libp2p.Discovery;

/// <summary>
/// One UDP socket on the mDNS port for one address family (RFC 6762 §3, wire notes §11.2): SO_REUSEADDR so other
/// responders share the port, multicast loopback on, TTL/hop limit 255, the group joined on each chosen interface, and
/// every datagram sent to the group once per joined interface.
/// </summary>
internal sealed class MdnsSocket : IDisposable
{
    /// <summary>The IPv4 mDNS group.</summary>
    public static readonly IPAddress IPv4Group = IPAddress.Parse("224.0.0.251");

    /// <summary>The IPv6 link-local mDNS group.</summary>
    public static readonly IPAddress IPv6Group = IPAddress.Parse("ff02::fb");

    private readonly Socket _socket;
    private readonly IPEndPoint _group;
    private readonly Dictionary<int, MdnsInterface> _joined = [];
    private readonly Lock _gate = new();
    private readonly ILogger _logger;

    private MdnsSocket(Socket socket, IPEndPoint group, ILogger logger)
    {
        _socket = socket;
        _group = group;
        _logger = logger;
    }

    /// <summary>The address family.</summary>
    public AddressFamily Family => _group.AddressFamily;

    /// <summary>Opens and binds the socket; throws <see cref="SocketException"/> if the system refuses.</summary>
    public static MdnsSocket Open(AddressFamily family, int port, ILogger logger)
    {
        var socket = new Socket(family, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            if (family == AddressFamily.InterNetwork)
            {
                socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastTimeToLive, 255);
                socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastLoopback, true);
                socket.Bind(new IPEndPoint(IPAddress.Any, port));
                return new MdnsSocket(socket, new IPEndPoint(IPv4Group, port), logger);
            }

            socket.DualMode = false;
            socket.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.MulticastTimeToLive, 255);
            socket.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.MulticastLoopback, true);
            socket.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
            return new MdnsSocket(socket, new IPEndPoint(IPv6Group, port), logger);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Joins the group on interfaces that are new (or came back) and forgets those gone; true if any was joined.</summary>
    public bool Refresh(IReadOnlyList<MdnsInterface> interfaces)
    {
        var usable = interfaces.Where(i => Family == AddressFamily.InterNetwork ? i.IPv4Address is not null : i.HasIPv6).ToDictionary(i => i.Index);
        var joinedAny = false;
        lock (_gate)
        {
            foreach (var gone in _joined.Keys.Where(k => !usable.ContainsKey(k) || usable[k] != _joined[k]).ToList())
            {
                Leave(_joined[gone]);
                _joined.Remove(gone);
            }

            foreach (var nic in usable.Values.Where(i => !_joined.ContainsKey(i.Index)))
            {
                if (Join(nic))
                {
                    _joined[nic.Index] = nic;
                    joinedAny = true;
                }
            }
        }

        return joinedAny;
    }

    /// <summary>Sends <paramref name="packet"/> to the group on every joined interface; returns how many sends failed.</summary>
    public int SendToAll(byte[] packet)
    {
        var failures = 0;
        lock (_gate)
        {
            foreach (var nic in _joined.Values)
            {
                try
                {
                    // The outgoing interface is a socket option, hence the lock around setting it and sending.
                    if (Family == AddressFamily.InterNetwork)
                    {
                        _socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastInterface, BitConverter.ToInt32(nic.IPv4Address!.GetAddressBytes()));
                    }
                    else
                    {
                        _socket.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.MulticastInterface, nic.Index);
                    }

                    _socket.SendTo(packet, _group);
                }
                catch (SocketException ex)
                {
                    failures++;
                    MdnsLog.SendFailed(_logger, nic.Name, ex.SocketErrorCode);
                }
            }
        }

        return failures;
    }

    /// <summary>Receives one datagram into <paramref name="buffer"/>.</summary>
    public ValueTask<SocketReceiveFromResult> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken) =>
        _socket.ReceiveFromAsync(buffer, SocketFlags.None, Family == AddressFamily.InterNetwork ? new IPEndPoint(IPAddress.Any, 0) : new IPEndPoint(IPAddress.IPv6Any, 0), cancellationToken);

    /// <inheritdoc/>
    public void Dispose() => _socket.Dispose();

    private bool Join(MdnsInterface nic)
    {
        try
        {
            if (Family == AddressFamily.InterNetwork)
            {
                _socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.AddMembership, new MulticastOption(IPv4Group, nic.Index));
            }
            else
            {
                _socket.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.AddMembership, new IPv6MulticastOption(IPv6Group, nic.Index));
            }

            MdnsLog.Joined(_logger, _group.Address.ToString(), nic.Name);
            return true;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            // Still a member from before the interface went down: that is joined.
            return true;
        }
        catch (SocketException ex)
        {
            MdnsLog.JoinFailed(_logger, _group.Address.ToString(), nic.Name, ex.SocketErrorCode);
            return false;
        }
    }

    private void Leave(MdnsInterface nic)
    {
        MdnsLog.Left(_logger, nic.Name);
        try
        {
            if (Family == AddressFamily.InterNetwork)
            {
                _socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.DropMembership, new MulticastOption(IPv4Group, nic.Index));
            }
            else
            {
                _socket.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.DropMembership, new IPv6MulticastOption(IPv6Group, nic.Index));
            }
        }
        catch (SocketException)
        {
            // The kernel drops memberships of interfaces that vanished; nothing is left to leave.
        }
    }
}
