using System.Net;
using System.Net.Sockets;
using Mesh.Libp2p.Host;

namespace Mesh.Tests;

/// <summary>A raw TCP client for hostile-peer tests: writes exactly the bytes it is told to.</summary>
internal sealed class RawPeer : IDisposable
{
    private readonly Socket _socket;

    private RawPeer(Socket socket) => _socket = socket;

    /// <summary>The client's local port, as it appears in the host's log lines.</summary>
    public string LocalPort => ((IPEndPoint)_socket.LocalEndPoint!).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static async Task<RawPeer> ConnectAsync(Libp2pHost host)
    {
        host.Address().TryGetTcpEndPoint(out var endPoint);
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(endPoint!);
        return new RawPeer(socket);
    }

    public async Task SendAsync(byte[] bytes) => await _socket.SendAsync(bytes);

    public void ShutdownSend() => _socket.Shutdown(SocketShutdown.Send);

    /// <summary>Reads exactly <paramref name="count"/> bytes (fails the test on early close).</summary>
    public async Task<byte[]> ReadAsync(int count)
    {
        var buffer = new byte[count];
        var read = 0;
        while (read < count)
        {
            var n = await _socket.ReceiveAsync(buffer.AsMemory(read));
            if (n == 0)
            {
                Assert.Fail($"connection closed after {read} of {count} bytes");
            }

            read += n;
        }

        return buffer;
    }

    /// <summary>Drains the socket until the host closes it; true when it did within 10 s.</summary>
    public async Task<bool> ReadUntilClosedAsync()
    {
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            while (await _socket.ReceiveAsync(buffer, timeout.Token) > 0)
            {
            }

            return true;
        }
        catch (SocketException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public void Dispose() => _socket.Dispose();
}
