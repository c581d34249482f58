using System.Buffers;
using System.IO.Pipelines;
using Mesh.Libp2p.Yamux;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mesh.Tests.Libp2p.Yamux;

/// <summary>A dialer (client) and listener (server) session joined by a <see cref="ChannelPair"/>.</summary>
internal sealed class YamuxTestSessions : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private YamuxTestSessions(YamuxSession client, YamuxSession server)
    {
        Client = client;
        Server = server;
    }

    public YamuxSession Client { get; }

    public YamuxSession Server { get; }

    public static YamuxOptions QuietOptions() => new() { KeepAliveInterval = TimeSpan.Zero };

    public static YamuxTestSessions Start(YamuxOptions? clientOptions = null, YamuxOptions? serverOptions = null, TimeProvider? timeProvider = null)
    {
        var (left, right) = ChannelPair.Create();
        var time = timeProvider ?? TimeProvider.System;
        var client = new YamuxSession(left, isClient: true, clientOptions ?? QuietOptions(), NullLogger.Instance, time);
        var server = new YamuxSession(right, isClient: false, serverOptions ?? QuietOptions(), NullLogger.Instance, time);
        client.Start();
        server.Start();
        return new YamuxTestSessions(client, server);
    }

    public static async Task<byte[]> ReadToEndAsync(PipeReader reader)
    {
        var received = new ArrayBufferWriter<byte>();
        while (true)
        {
            var result = await reader.ReadAsync().AsTask().WaitAsync(Timeout);
            foreach (var segment in result.Buffer)
            {
                received.Write(segment.Span);
            }

            reader.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
            {
                return received.WrittenSpan.ToArray();
            }
        }
    }

    public static async Task WriteAsync(PipeWriter writer, ReadOnlyMemory<byte> bytes)
    {
        await writer.WriteAsync(bytes).AsTask().WaitAsync(Timeout);
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await Server.DisposeAsync();
    }
}
