using System.Security.Cryptography;
using Mesh.Libp2p.Noise;

namespace Mesh.Tests.Libp2p.Noise;

/// <summary>The transport stream directly, with matching keys on both ends and no handshake.</summary>
public sealed class NoiseTransportStreamTests
{
    [TestCase(1)]
    [TestCase(1000)]
    [TestCase(70_000)]
    public async Task ReadAsync_BufferSmallerOrLargerThanFrames_ReturnsEveryByteInOrder(int readSize)
    {
        var (left, right) = ChannelPair.Create();
        var key = RandomNumberGenerator.GetBytes(32);
        await using var sender = new NoiseTransportStream(left, new NoiseCipherState(key), new NoiseCipherState(new byte[32]));
        await using var receiver = new NoiseTransportStream(right, new NoiseCipherState(new byte[32]), new NoiseCipherState(key));
        var data = RandomNumberGenerator.GetBytes(150_000);

        var send = Task.Run(async () =>
        {
            await sender.WriteAsync(data.AsMemory(0, 100));
            await sender.FlushAsync();
            await sender.WriteAsync(data.AsMemory(100));
            await sender.FlushAsync();
            await left.CloseWriteAsync();
        });

        var received = new MemoryStream();
        var buffer = new byte[readSize];
        int read;
        while ((read = await receiver.ReadAsync(buffer)) > 0)
        {
            received.Write(buffer, 0, read);
        }

        await send;
        Assert.That(received.ToArray().AsSpan().SequenceEqual(data), Is.True);
    }

    [Test]
    public async Task WriteAsync_OneMegabyte_FlushesInStepsAndWaitsForTheReader()
    {
        var (left, right) = ChannelPair.Create();
        var key = RandomNumberGenerator.GetBytes(32);
        await using var sender = new NoiseTransportStream(left, new NoiseCipherState(key), new NoiseCipherState(new byte[32]));
        await using var receiver = new NoiseTransportStream(right, new NoiseCipherState(new byte[32]), new NoiseCipherState(key));
        var data = RandomNumberGenerator.GetBytes(1024 * 1024);

        // The in-memory pipe pauses writers at 64 KiB: a write that flushes in steps must wait for the reader
        // instead of buffering the whole megabyte.
        var write = sender.WriteAsync(data).AsTask();
        var waitedForReader = !write.IsCompleted;
        var received = new byte[data.Length];
        var read = receiver.ReadExactlyAsync(received).AsTask();
        await write;
        await sender.FlushAsync();
        await read;

        Assert.Multiple(() =>
        {
            Assert.That(waitedForReader, Is.True);
            Assert.That(received.AsSpan().SequenceEqual(data), Is.True);
        });
    }
}
