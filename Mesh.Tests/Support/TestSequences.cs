using System.Buffers;

namespace Mesh.Tests;

/// <summary>Builds multi-segment byte sequences, to feed parsers input split anywhere.</summary>
internal static class TestSequences
{
    /// <summary>A sequence whose segments break at each of <paramref name="splits"/>.</summary>
    public static ReadOnlySequence<byte> Split(ReadOnlyMemory<byte> data, params int[] splits)
    {
        var cuts = splits.Where(s => s > 0 && s < data.Length).Distinct().Order().Append(data.Length).ToArray();
        Segment? first = null, last = null;
        var start = 0;
        foreach (var cut in cuts)
        {
            var segment = new Segment(data[start..cut], last);
            first ??= segment;
            last = segment;
            start = cut;
        }

        return first is null ? ReadOnlySequence<byte>.Empty : new ReadOnlySequence<byte>(first, 0, last!, last!.Memory.Length);
    }

    /// <summary>One sequence per byte: every segment a single byte.</summary>
    public static ReadOnlySequence<byte> Bytewise(ReadOnlyMemory<byte> data) => Split(data, Enumerable.Range(1, Math.Max(0, data.Length - 1)).ToArray());

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, Segment? previous)
        {
            Memory = memory;
            if (previous is not null)
            {
                RunningIndex = previous.RunningIndex + previous.Memory.Length;
                previous.Next = this;
            }
        }
    }
}
