using System.Buffers;
using System.IO.Pipelines;

namespace Mesh.Tests.Libp2p.Multistream;

/// <summary>Raw reads and writes for protocol tests that play one side by hand.</summary>
internal static class PipeTestExtensions
{
    /// <summary>How long a test waits for something that should happen at once, so a bug fails instead of hanging.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    /// <summary>Reads exactly <paramref name="count"/> bytes; fails if the stream ends first.</summary>
    public static async Task<byte[]> ReadExactlyAsync(this PipeReader reader, int count)
    {
        while (true)
        {
            var result = await reader.ReadAsync().AsTask().WaitAsync(Patience);
            if (result.Buffer.Length >= count)
            {
                var bytes = result.Buffer.Slice(0, count).ToArray();
                reader.AdvanceTo(result.Buffer.GetPosition(count));
                return bytes;
            }

            reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
            if (result.IsCompleted)
            {
                throw new EndOfStreamException($"Ended after {result.Buffer.Length} of {count} bytes.");
            }
        }
    }

    /// <summary>Reads everything until the writer completes.</summary>
    public static async Task<byte[]> ReadToEndAsync(this PipeReader reader)
    {
        while (true)
        {
            var result = await reader.ReadAsync().AsTask().WaitAsync(Patience);
            if (result.IsCompleted)
            {
                var bytes = result.Buffer.ToArray();
                reader.AdvanceTo(result.Buffer.End);
                return bytes;
            }

            reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }
    }

    /// <summary>True when bytes or end of stream are already waiting (without consuming them).</summary>
    public static bool HasPendingInput(this PipeReader reader)
    {
        if (!reader.TryRead(out var result))
        {
            return false;
        }

        reader.AdvanceTo(result.Buffer.Start);
        return true;
    }

    /// <summary>Writes <paramref name="bytes"/> and flushes them as one burst.</summary>
    public static async Task SendAsync(this PipeWriter writer, params byte[][] bytes)
    {
        foreach (var chunk in bytes)
        {
            writer.Write(chunk);
        }

        await writer.FlushAsync();
    }

    /// <summary>Awaits <paramref name="task"/>, failing the test if it takes longer than <see cref="Patience"/>.</summary>
    public static Task<T> Bounded<T>(this Task<T> task) => task.WaitAsync(Patience);

    /// <summary>Awaits <paramref name="task"/>, failing the test if it takes longer than <see cref="Patience"/>.</summary>
    public static Task Bounded(this Task task) => task.WaitAsync(Patience);
}
