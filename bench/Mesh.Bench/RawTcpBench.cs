using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Mesh.Bench;

/// <summary>
/// The raw-TCP baseline of the .NET harness: the same request/response and sink shapes as the libp2p
/// runs, over plain loopback sockets (first byte picks the mode: 1 = echo one byte, 2 = count until EOF).
/// </summary>
public static class RawTcpBench
{
    /// <summary>Runs the setup and throughput measurements.</summary>
    public static async Task<TransportResult> RunAsync(TransportBenchSettings settings)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(512);
        using var stop = new CancellationTokenSource();
        var server = ServeAsync(listener, stop.Token);
        var endPoint = (IPEndPoint)listener.LocalEndPoint!;

        var setups = new List<double>();
        for (var i = 0; i < settings.SetupIterations + 5; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(endPoint).ConfigureAwait(false);
            await socket.SendAsync(new byte[] { 1 }).ConfigureAwait(false);
            await socket.ReceiveAsync(new byte[1]).ConfigureAwait(false);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (i >= 5)
            {
                setups.Add(elapsed);
            }
        }

        var best = 0.0;
        var chunk = new byte[64 * 1024];
        for (var run = 0; run < settings.ThroughputRuns; run++)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(endPoint).ConfigureAwait(false);
            var total = (long)settings.ThroughputMiB * 1024 * 1024;
            var started = Stopwatch.GetTimestamp();
            await socket.SendAsync(new byte[] { 2 }).ConfigureAwait(false);
            for (long sent = 0; sent < total; sent += chunk.Length)
            {
                await socket.SendAsync(chunk).ConfigureAwait(false);
            }

            socket.Shutdown(SocketShutdown.Send);
            var reply = new byte[8];
            await socket.ReceiveAsync(reply).ConfigureAwait(false);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            if (BinaryPrimitives.ReadInt64BigEndian(reply) != total)
            {
                throw new InvalidOperationException("raw TCP sink counted the wrong number of bytes");
            }

            best = Math.Max(best, settings.ThroughputMiB / seconds);
        }

        await stop.CancelAsync().ConfigureAwait(false);
        listener.Close();
        await server.ConfigureAwait(false);
        return new TransportResult("raw TCP (.NET)", Samples.Quantile(setups, 0.5), Samples.Quantile(setups, 0.95), best, null);
    }

    private static async Task ServeAsync(Socket listener, CancellationToken cancellationToken)
    {
        var connections = new List<Task>();
        try
        {
            while (true)
            {
                var socket = await listener.AcceptAsync(cancellationToken).ConfigureAwait(false);
                connections.Add(HandleAsync(socket));
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            await Task.WhenAll(connections).ConfigureAwait(false);
        }
    }

    private static async Task HandleAsync(Socket socket)
    {
        using (socket)
        {
            socket.NoDelay = true;
            var buffer = new byte[256 * 1024];
            var n = await socket.ReceiveAsync(buffer).ConfigureAwait(false);
            if (n == 0)
            {
                return;
            }

            if (buffer[0] == 1)
            {
                await socket.SendAsync(new byte[] { 1 }).ConfigureAwait(false);
                return;
            }

            long count = n - 1;
            while ((n = await socket.ReceiveAsync(buffer).ConfigureAwait(false)) > 0)
            {
                count += n;
            }

            var reply = new byte[8];
            BinaryPrimitives.WriteInt64BigEndian(reply, count);
            await socket.SendAsync(reply).ConfigureAwait(false);
            socket.Shutdown(SocketShutdown.Send);
        }
    }
}
