using System.Diagnostics.CodeAnalysis;

namespace Mesh.Core.Tasks;

/// <summary>
/// A task's id: 128 bits, ULID-like (48 bits of milliseconds since the Unix epoch, then 80 random bits), printed as
/// 26 lowercase Crockford base32 characters (<c>01jdq3v8k2x4c9n7m5r0t6w8yz</c>). Ids sort by creation time both as
/// values and as text, so paging by id walks tasks in submission order.
/// </summary>
/// <remarks>
/// Parsing is strict: exactly 26 characters of the lowercase alphabet, the first at most <c>7</c> (the top 2 of its
/// 5 bits do not exist in 128 bits). Uppercase, dashes, spaces or any other spelling are refused, so an id has exactly
/// one text form. <see cref="TaskIdGenerator"/> makes them.
/// </remarks>
public readonly record struct TaskId : IComparable<TaskId>
{
    /// <summary>The length of the text form.</summary>
    public const int TextLength = 26;

    /// <summary>Creates an id from its two 64-bit halves (big-endian order: <paramref name="high"/> first).</summary>
    public TaskId(ulong high, ulong low)
    {
        High = high;
        Low = low;
    }

    /// <summary>The top 64 bits: the 48-bit timestamp and 16 random bits.</summary>
    public ulong High { get; }

    /// <summary>The low 64 random bits.</summary>
    public ulong Low { get; }

    /// <summary>True for the default value, which no generator makes.</summary>
    public bool IsEmpty => High == 0 && Low == 0;

    /// <summary>The creation time carried in the id (millisecond precision).</summary>
    public DateTimeOffset CreatedAt => DateTimeOffset.FromUnixTimeMilliseconds((long)(High >> 16));

    /// <summary>Parses the 26-character text form; never throws.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out TaskId id)
    {
        if (text is not null && SortableBase32.TryDecode(text, TextLength, 128, out var high, out var low) && (high | low) != 0)
        {
            id = new TaskId(high, low);
            return true;
        }

        id = default;
        return false;
    }

    /// <summary>Parses the text form.</summary>
    /// <exception cref="FormatException">The text is not a task id.</exception>
    public static TaskId Parse(string text) =>
        TryParse(text, out var id) ? id : throw new FormatException($"'{text}' is not a task id (26 characters of 0-9 and a-z without i, l, o, u)");

    /// <inheritdoc/>
    public int CompareTo(TaskId other)
    {
        var high = High.CompareTo(other.High);
        return high != 0 ? high : Low.CompareTo(other.Low);
    }

    /// <summary>The 26-character text form.</summary>
    public override string ToString() => SortableBase32.Encode(High, Low, TextLength);

    /// <summary>True when <paramref name="left"/> sorts before <paramref name="right"/>.</summary>
    public static bool operator <(TaskId left, TaskId right) => left.CompareTo(right) < 0;

    /// <summary>True when <paramref name="left"/> sorts after <paramref name="right"/>.</summary>
    public static bool operator >(TaskId left, TaskId right) => left.CompareTo(right) > 0;

    /// <summary>True when <paramref name="left"/> sorts before or equals <paramref name="right"/>.</summary>
    public static bool operator <=(TaskId left, TaskId right) => left.CompareTo(right) <= 0;

    /// <summary>True when <paramref name="left"/> sorts after or equals <paramref name="right"/>.</summary>
    public static bool operator >=(TaskId left, TaskId right) => left.CompareTo(right) >= 0;
}
