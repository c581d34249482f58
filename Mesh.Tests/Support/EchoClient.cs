using System.Security.Cryptography;
using Mesh.Libp2p.Channels;

namespace Mesh.Tests;

/// <summary>Drives an <c>/echo/1.0.0</c> stream: sends random bytes while reading the echo, and compares SHA-256.</summary>
internal static class EchoClient
{
    public static async Task<bool> RoundTripAsync(IDuplexChannel stream, int size, CancellationToken cancellationToken = default)
    {
        var payload = RandomNumberGenerator.GetBytes(size);
        var reading = ReadAllHashAsync(stream, cancellationToken);
        const int Chunk = 64 * 1024;
        for (var offset = 0; offset < size; offset += Chunk)
        {
            await stream.Output.WriteAsync(payload.AsMemory(offset, Math.Min(Chunk, size - offset)), cancellationToken);
        }

        await stream.CloseWriteAsync(cancellationToken);
        var (received, hash) = await reading;
        return received == size && hash.AsSpan().SequenceEqual(SHA256.HashData(payload));
    }

    private static async Task<(long Received, byte[] Hash)> ReadAllHashAsync(IDuplexChannel stream, CancellationToken cancellationToken)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long received = 0;
        while (true)
        {
            var read = await stream.Input.ReadAsync(cancellationToken);
            foreach (var segment in read.Buffer)
            {
                sha.AppendData(segment.Span);
                received += segment.Length;
            }

            stream.Input.AdvanceTo(read.Buffer.End);
            if (read.IsCompleted)
            {
                return (received, sha.GetHashAndReset());
            }
        }
    }
}
