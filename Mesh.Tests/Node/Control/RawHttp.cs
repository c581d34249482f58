using System.Net.Sockets;
using System.Text;

namespace Mesh.Tests.Node.Control;

/// <summary>Bytes on a Unix socket, for requests no well-behaved client would send.</summary>
internal static class RawHttp
{
    /// <summary>Sends <paramref name="request"/> as is and reads until the server closes or <paramref name="timeout"/>.</summary>
    public static async Task<string> ExchangeAsync(string socketPath, string request, TimeSpan? timeout = null)
    {
        using var socket = await ConnectAsync(socketPath);
        await socket.SendAsync(Encoding.ASCII.GetBytes(request), SocketFlags.None);
        return await ReadToCloseAsync(socket, timeout ?? TimeSpan.FromSeconds(5));
    }

    /// <summary>A GET with <c>Connection: close</c>; returns the whole response.</summary>
    public static Task<string> RequestAsync(string socketPath, string method, string path) =>
        ExchangeAsync(socketPath, $"{method} {path} HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");

    public static async Task<Socket> ConnectAsync(string socketPath)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath));
        return socket;
    }

    public static string Body(string response) => response[(response.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];

    private static async Task<string> ReadToCloseAsync(Socket socket, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var received = new MemoryStream();
        var buffer = new byte[8192];
        try
        {
            while (true)
            {
                var read = await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token);
                if (read == 0)
                {
                    break;
                }

                received.Write(buffer, 0, read);
            }
        }
        catch (OperationCanceledException)
        {
            // Whatever arrived before the deadline is the answer.
        }
        catch (SocketException)
        {
            // A reset after the response still leaves the response.
        }

        return Encoding.UTF8.GetString(received.ToArray());
    }
}
