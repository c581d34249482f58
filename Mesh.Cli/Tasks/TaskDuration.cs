using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Mesh.Cli.Tasks;

/// <summary>
/// Durations as <c>--timeout</c> takes them: a number and a unit, repeated from the largest unit down
/// (<c>500ms</c>, <c>30s</c>, <c>5m</c>, <c>1h30m</c>, <c>2d</c>, <c>1.5h</c>), or a plain number of seconds.
/// </summary>
public static class TaskDuration
{
    /// <summary>The longest duration accepted (a year: longer is a typo).</summary>
    public static readonly TimeSpan Max = TimeSpan.FromDays(365);

    private static readonly (string Unit, double Seconds)[] Units =
        [("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1), ("ms", 0.001)];

    /// <summary>Parses a duration; never throws.</summary>
    /// <param name="text">The duration.</param>
    /// <param name="duration">The duration, positive, when true.</param>
    /// <param name="error">Why the text is not a duration (without the option name), when false.</param>
    public static bool TryParse(string? text, out TimeSpan duration, [NotNullWhen(false)] out string? error)
    {
        duration = default;
        var trimmed = (text ?? "").Trim();
        error = $"'{trimmed}' is not a duration (for example 500ms, 30s, 5m, 1h30m)";
        if (trimmed.Length == 0)
        {
            return false;
        }

        double seconds = 0;
        var position = 0;
        var lastUnit = -1;
        while (position < trimmed.Length)
        {
            var start = position;
            while (position < trimmed.Length && (char.IsAsciiDigit(trimmed[position]) || trimmed[position] == '.'))
            {
                position++;
            }

            if (!double.TryParse(trimmed.AsSpan(start, position - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                return false;
            }

            var unitStart = position;
            while (position < trimmed.Length && char.IsAsciiLetter(trimmed[position]))
            {
                position++;
            }

            var unit = trimmed[unitStart..position].ToLowerInvariant();
            if (unit.Length == 0)
            {
                // A bare number is seconds, and only alone: "1h30" is more likely a mistake than 1h and 30 s.
                if (start != 0 || position != trimmed.Length)
                {
                    return false;
                }

                unit = "s";
            }

            var index = Array.FindIndex(Units, u => u.Unit == unit);
            if (index <= lastUnit)
            {
                return false;
            }

            lastUnit = index;
            seconds += value * Units[index].Seconds;
        }

        if (!double.IsFinite(seconds) || seconds <= 0 || seconds > Max.TotalSeconds)
        {
            error = seconds <= 0 ? $"'{trimmed}' is not a positive duration" : $"'{trimmed}' is longer than a year";
            return false;
        }

        duration = TimeSpan.FromSeconds(seconds);
        error = null;
        return true;
    }
}
