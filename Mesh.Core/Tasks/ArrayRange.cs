using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Mesh.Core.Tasks;

/// <summary>
/// The indices of an array task, as <c>--array</c> writes them: <c>1-1000</c>, <c>1-10:2</c> (a step),
/// <c>1,3,5-7</c> (a list of numbers and ranges), in the order written.
/// </summary>
/// <remarks>
/// Indices are whole numbers from 0 to <see cref="MaxIndex"/>. Refused, with a message saying why: an empty text or
/// part, a reversed range (<c>10-1</c>), a step of 0, an index written twice (overlapping parts would run the same task
/// twice), and more indices than the cap; the count is computed before anything is allocated.
/// </remarks>
public sealed class ArrayRange
{
    /// <summary>The default cap on the number of indices.</summary>
    public const int DefaultMaxCount = 100_000;

    /// <summary>The largest index (so that any index fits in 10 characters when substituted).</summary>
    public const long MaxIndex = 9_999_999_999;

    private ArrayRange(long[] indices) => Indices = indices;

    /// <summary>The indices in the order written.</summary>
    public IReadOnlyList<long> Indices { get; }

    /// <summary>How many indices (tasks) the range makes.</summary>
    public int Count => Indices.Count;

    /// <summary>Parses a range; never throws.</summary>
    /// <param name="text">The range text.</param>
    /// <param name="maxCount">The most indices accepted.</param>
    /// <param name="range">The range, when true.</param>
    /// <param name="error">Why the text is not a range, when false.</param>
    public static bool TryParse(string? text, int maxCount, [NotNullWhen(true)] out ArrayRange? range, [NotNullWhen(false)] out string? error)
    {
        range = null;
        var parts = (text ?? "").Split(',');
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "the array range is empty (for example 1-100, 1-10:2 or 1,3,5-7)";
            return false;
        }

        var segments = new (long First, long Last, long Step)[parts.Length];
        long total = 0;
        for (var i = 0; i < parts.Length; i++)
        {
            if (!TryParseSegment(parts[i].Trim(), out segments[i], out error))
            {
                return false;
            }

            var (first, last, step) = segments[i];
            total += ((last - first) / step) + 1;
            if (total > maxCount)
            {
                error = $"the array range '{text}' makes more than {maxCount} tasks";
                return false;
            }
        }

        var indices = new long[total];
        var seen = new HashSet<long>((int)total);
        var next = 0;
        foreach (var (first, last, step) in segments)
        {
            for (var index = first; index <= last; index += step)
            {
                if (!seen.Add(index))
                {
                    error = $"the array range '{text}' names index {index} more than once";
                    return false;
                }

                indices[next++] = index;
            }
        }

        range = new ArrayRange(indices);
        error = null;
        return true;
    }

    /// <summary>Parses a range with the default cap.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ArrayRange? range, [NotNullWhen(false)] out string? error) =>
        TryParse(text, DefaultMaxCount, out range, out error);

    private static bool TryParseSegment(string part, out (long First, long Last, long Step) segment, [NotNullWhen(false)] out string? error)
    {
        segment = default;
        if (part.Length == 0)
        {
            error = "the array range has an empty part (between commas)";
            return false;
        }

        var step = 1L;
        var colon = part.IndexOf(':', StringComparison.Ordinal);
        var bounds = colon < 0 ? part : part[..colon];
        if (colon >= 0 && (!TryParseIndex(part[(colon + 1)..], out step) || step == 0))
        {
            error = $"'{part}': the step after ':' must be a whole number of at least 1";
            return false;
        }

        var dash = bounds.IndexOf('-', StringComparison.Ordinal);
        long first;
        long last;
        if (dash < 0)
        {
            if (colon >= 0)
            {
                error = $"'{part}': a step needs a range (for example 1-10:2)";
                return false;
            }

            if (!TryParseIndex(bounds, out first))
            {
                error = $"'{part}' is not an index (a whole number from 0 to {MaxIndex})";
                return false;
            }

            last = first;
        }
        else if (!TryParseIndex(bounds[..dash], out first) || !TryParseIndex(bounds[(dash + 1)..], out last))
        {
            error = $"'{part}' is not a range (two whole numbers from 0 to {MaxIndex}, for example 1-100)";
            return false;
        }

        if (last < first)
        {
            error = $"'{part}' is reversed: write {last}-{first}";
            return false;
        }

        segment = (first, last, step);
        error = null;
        return true;
    }

    private static bool TryParseIndex(string text, out long value)
    {
        value = 0;
        var trimmed = text.Trim();

        // Digits only (no sign, no spaces inside), and at most 10 of them: anything longer is past MaxIndex anyway.
        return trimmed.Length is > 0 and <= 10
            && trimmed.All(char.IsAsciiDigit)
            && long.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out value)
            && value <= MaxIndex;
    }
}
