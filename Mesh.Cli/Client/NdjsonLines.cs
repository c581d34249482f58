using System.Buffers;

namespace Mesh.Cli.Client;

/// <summary>Splits newline-delimited JSON into lines without trusting the sender: every line is bounded.</summary>
public static class NdjsonLines
{
    /// <summary>
    /// Takes one line (without its <c>\n</c>, a trailing <c>\r</c> kept for the JSON reader to skip as whitespace) off the
    /// front of <paramref name="buffer"/>. At the end of the stream (<paramref name="isCompleted"/>) what is left counts
    /// as a last line. Never throws on any input.
    /// </summary>
    /// <param name="buffer">The unread bytes; advanced past the line when one is returned.</param>
    /// <param name="maxLineBytes">The longest line accepted.</param>
    /// <param name="isCompleted">True when no more bytes will come.</param>
    /// <param name="line">The line, when <see cref="NdjsonLineStatus.Line"/>.</param>
    public static NdjsonLineStatus TryReadLine(ref ReadOnlySequence<byte> buffer, int maxLineBytes, bool isCompleted, out ReadOnlySequence<byte> line)
    {
        line = default;
        var newline = buffer.PositionOf((byte)'\n');
        if (newline is { } end)
        {
            line = buffer.Slice(0, end);
            if (line.Length > maxLineBytes)
            {
                return NdjsonLineStatus.TooLong;
            }

            buffer = buffer.Slice(buffer.GetPosition(1, end));
            return NdjsonLineStatus.Line;
        }

        if (buffer.Length > maxLineBytes)
        {
            return NdjsonLineStatus.TooLong;
        }

        if (isCompleted && !buffer.IsEmpty)
        {
            line = buffer;
            buffer = buffer.Slice(buffer.End);
            return NdjsonLineStatus.Line;
        }

        return NdjsonLineStatus.NeedMore;
    }

    /// <summary>True when the line holds only spaces, tabs and carriage returns (skipped between chunks).</summary>
    public static bool IsBlank(ReadOnlySequence<byte> line)
    {
        foreach (var segment in line)
        {
            foreach (var b in segment.Span)
            {
                if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r'))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
