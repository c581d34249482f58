using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using Mesh.Libp2p.Addressing;
using Mesh.Libp2p.Host;
using Mesh.Libp2p.Identity;
using Mesh.Libp2p.Pnet;

namespace Mesh.Bench;

/// <summary>
/// Mesh.Libp2p over loopback, client and server hosts in this process: TCP, (pnet,) Noise, yamux,
/// multistream-select per stream. The same shapes as the raw-TCP baseline.
/// </summary>
public static class Libp2pBench
{
    private const string RequestResponse = "/bench/rr/1.0.0";
    private const string Sink = "/bench/sink/1.0.0";

    /// <summary>Runs the setup and throughput measurements, with or without a mesh key.</summary>
    public static async Task<TransportResult> RunAsync(TransportBenchSettings settings, bool withPnet, TransportResult baseline)
    {
        var psk = withPnet ? PreSharedKey.Generate() : null;
        await using var server = CreateHost(psk, listen: true);
        await using var client = CreateHost(psk, listen: false);
        server.SetStreamHandler(RequestResponse, RespondOneByteAsync);
        server.SetStreamHandler(Sink, CountUntilEndAsync);
        await server.StartAsync().ConfigureAwait(false);
        await client.StartAsync().ConfigureAwait(false);
        var address = server.ListenAddresses[0];

        var setups = new List<double>();
        for (var i = 0; i < settings.SetupIterations + 5; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var peer = await client.DialAsync(address).ConfigureAwait(false);
            await using (var stream = await client.OpenStreamAsync(peer, [RequestResponse]).ConfigureAwait(false))
            {
                await stream.Output.WriteAsync(new byte[] { 1 }).ConfigureAwait(false);
                await ReadExactlyAsync(stream, 1).ConfigureAwait(false);
            }

            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            await client.DisconnectAsync(peer).ConfigureAwait(false);
            if (i >= 5)
            {
                setups.Add(elapsed);
            }
        }

        var best = 0.0;
        var chunk = new byte[64 * 1024];
        var target = await client.DialAsync(address).ConfigureAwait(false);
        for (var run = 0; run < settings.ThroughputRuns; run++)
        {
            await using var stream = await client.OpenStreamAsync(target, [Sink]).ConfigureAwait(false);
            var total = (long)settings.ThroughputMiB * 1024 * 1024;
            var started = Stopwatch.GetTimestamp();
            for (long sent = 0; sent < total; sent += chunk.Length)
            {
                await stream.Output.WriteAsync(chunk).ConfigureAwait(false);
            }

            await stream.CloseWriteAsync().ConfigureAwait(false);
            var reply = await ReadExactlyAsync(stream, 8).ConfigureAwait(false);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            if (BinaryPrimitives.ReadInt64BigEndian(reply) != total)
            {
                throw new InvalidOperationException("the libp2p sink counted the wrong number of bytes");
            }

            best = Math.Max(best, settings.ThroughputMiB / seconds);
        }

        var name = withPnet ? "Mesh.Libp2p + pnet" : "Mesh.Libp2p";
        return new TransportResult(name, Samples.Quantile(setups, 0.5), Samples.Quantile(setups, 0.95), best, baseline);
    }

    private static Libp2pHost CreateHost(PreSharedKey? psk, bool listen)
    {
        var options = new Libp2pHostOptions { PreSharedKey = psk };
        if (listen)
        {
            options.ListenAddresses.Add(Multiaddr.Parse("/ip4/127.0.0.1/tcp/0"));
        }

        return new Libp2pHost(IdentityKey.Generate(), options);
    }

    private static async Task RespondOneByteAsync(Libp2pStream stream, CancellationToken cancellationToken)
    {
        await ReadExactlyAsync(stream, 1).ConfigureAwait(false);
        await stream.Output.WriteAsync(new byte[] { 1 }, cancellationToken).ConfigureAwait(false);
        await stream.CloseWriteAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task CountUntilEndAsync(Libp2pStream stream, CancellationToken cancellationToken)
    {
        long count = 0;
        while (true)
        {
            var read = await stream.Input.ReadAsync(cancellationToken).ConfigureAwait(false);
            count += read.Buffer.Length;
            stream.Input.AdvanceTo(read.Buffer.End);
            if (read.IsCompleted)
            {
                break;
            }
        }

        var reply = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(reply, count);
        await stream.Output.WriteAsync(reply, cancellationToken).ConfigureAwait(false);
        await stream.CloseWriteAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<byte[]> ReadExactlyAsync(Libp2pStream stream, int count)
    {
        while (true)
        {
            var read = await stream.Input.ReadAsync().ConfigureAwait(false);
            if (read.Buffer.Length >= count)
            {
                var bytes = read.Buffer.Slice(0, count).ToArray();
                stream.Input.AdvanceTo(read.Buffer.GetPosition(count));
                return bytes;
            }

            if (read.IsCompleted)
            {
                throw new InvalidOperationException($"stream ended before {count} bytes");
            }

            stream.Input.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }
}
