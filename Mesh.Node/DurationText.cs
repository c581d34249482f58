using System.Globalization;

namespace Mesh.Node;

/// <summary>Durations as flags take them: <c>500ms</c>, <c>2s</c>, <c>15m</c>, <c>1h</c>, or a plain number of seconds.</summary>
public static class DurationText
{
    /// <summary>Parses a duration; never throws.</summary>
    public static bool TryParse(string? text, out TimeSpan duration, out string? error)
    {
        var trimmed = (text ?? "").Trim();
        var split = 0;
        while (split < trimmed.Length && (char.IsAsciiDigit(trimmed[split]) || trimmed[split] == '.'))
        {
            split++;
        }

        var unit = trimmed[split..].Trim().ToUpperInvariant();
        double scale = unit switch
        {
            "" or "S" => 1,
            "MS" => 0.001,
            "M" or "MIN" => 60,
            "H" => 3600,
            _ => 0,
        };
        if (scale == 0
            || !double.TryParse(trimmed[..split], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            || !double.IsFinite(value) || value * scale > TimeSpan.FromDays(365).TotalSeconds)
        {
            duration = default;
            error = $"'{trimmed}' is not a duration (for example 500ms, 2s, 15m, 1h)";
            return false;
        }

        duration = TimeSpan.FromSeconds(value * scale);
        error = null;
        return true;
    }
}
