using System.Globalization;

namespace Mesh.Core.Resources;

/// <summary>
/// Sizes in bytes as people write them: <c>B, KB, MB, GB, TB</c> (powers of 1000) and <c>KiB, MiB, GiB, TiB</c> (powers of 1024),
/// units case-insensitive, decimals allowed (<c>1.5GiB</c>).
/// </summary>
/// <remarks>
/// <para>
/// Two printing conventions, one for each question. A size someone wrote (a spec, a log line, a doc) goes through
/// <see cref="Format(long)"/>: written in the largest unit of each family (binary and decimal) that fits; if one of
/// those writes it exactly with at most two decimals, that one is used (8 GiB stays "8 GiB", 750 GB stays "750 GB";
/// the shorter wins, binary on a tie); otherwise binary units rounded to one decimal ("7.3 GiB").
/// </para>
/// <para>
/// An amount of a known kind shown in a column goes through <see cref="FormatBinary"/> (memory, as RAM is sold and
/// reported) or <see cref="FormatDecimal"/> (disk, as disks are sold and as <c>disk=1TB</c> reads), or their
/// <c>Short</c> forms for narrow cells. The unit is the largest one in which the number stays below 1000 as printed;
/// the number is whole from 100 up (from 10 up in short forms) and otherwise has one decimal, left out when the
/// amount is whole: "8 GiB", "7.5 GiB", "512 MiB", "750 GB", "1.5 TB"; short "8G", "7.5G", "15G", "750G", "1.5T".
/// A decimal that reads ".0" says the amount is near, not exactly, that number ("1.0 GiB" for 1000 MiB).
/// </para>
/// </remarks>
public static class ByteSize
{
    /// <summary>The units <see cref="TryParse"/> accepts, as the error message lists them.</summary>
    public const string UnitList = "B, KB, MB, GB, TB, KiB, MiB, GiB, TiB";

    /// <summary>The most characters <see cref="FormatBinary"/> writes for a size that is not negative ("99.5 GiB").</summary>
    public const int MaxBinaryWidth = 8;

    /// <summary>The most characters <see cref="FormatDecimal"/> writes for a size that is not negative ("99.5 GB").</summary>
    public const int MaxDecimalWidth = 7;

    /// <summary>The most characters a short form writes for a size that is not negative ("7.5G", "512M", "15G").</summary>
    public const int MaxShortWidth = 4;

    private static readonly string[] BinaryScale = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
    private static readonly string[] DecimalScale = ["B", "KB", "MB", "GB", "TB", "PB", "EB"];

    private static readonly (string Name, long Factor)[] BinaryUnits =
        [("TiB", 1L << 40), ("GiB", 1L << 30), ("MiB", 1L << 20), ("KiB", 1L << 10)];

    private static readonly (string Name, long Factor)[] DecimalUnits =
        [("TB", 1_000_000_000_000L), ("GB", 1_000_000_000L), ("MB", 1_000_000L), ("KB", 1_000L)];

    /// <summary>Parses a size such as <c>8GiB</c>, <c>1.5 TB</c> or <c>4096</c> (bytes); never throws.</summary>
    /// <param name="text">The size; a number, optional spaces, an optional unit (bytes when none).</param>
    /// <param name="bytes">The size in bytes, rounded to the nearest byte.</param>
    /// <param name="error">Why the text is not a size (without the option name), when false.</param>
    public static bool TryParse(string? text, out long bytes, out string? error)
    {
        bytes = 0;
        var trimmed = (text ?? "").Trim();
        if (trimmed.Length == 0)
        {
            error = "empty size (for example 8GiB or 500GB)";
            return false;
        }

        var split = 0;
        while (split < trimmed.Length && (char.IsAsciiDigit(trimmed[split]) || trimmed[split] == '.'))
        {
            split++;
        }

        var number = trimmed[..split];
        var unit = trimmed[split..].Trim();
        if (!TryParseNumber(number, out var value))
        {
            error = $"'{trimmed}' does not start with a number (for example 8GiB or 500GB)";
            return false;
        }

        if (!TryGetFactor(unit, out var factor))
        {
            error = $"unknown size unit '{unit}' (use {UnitList})";
            return false;
        }

        var result = Math.Round(value * factor);
        if (result >= long.MaxValue)
        {
            error = $"'{trimmed}' is too large";
            return false;
        }

        bytes = (long)result;
        error = null;
        return true;
    }

    /// <summary>Formats a size for people, for example "7.5 GiB", "750 GB" or "512 B" (see the class remarks).</summary>
    public static string Format(long bytes) => Format(bytes, " ");

    /// <summary>Formats a size so that <see cref="TryParse"/> reads it back: as <see cref="Format(long)"/> without the space ("7.5GiB").</summary>
    public static string FormatCompact(long bytes) => Format(bytes, "");

    /// <summary>Memory: binary units, at most <see cref="MaxBinaryWidth"/> characters: "7.5 GiB", "512 MiB", "0 B" (see the class remarks).</summary>
    public static string FormatBinary(long bytes) => Scaled(bytes, 1024, BinaryScale, isShort: false);

    /// <summary>Disk: decimal units, at most <see cref="MaxDecimalWidth"/> characters: "750 GB", "1.5 TB" (see the class remarks).</summary>
    public static string FormatDecimal(long bytes) => Scaled(bytes, 1000, DecimalScale, isShort: false);

    /// <summary>
    /// Memory for narrow cells, at most <see cref="MaxShortWidth"/> characters: <see cref="FormatBinary"/> with whole
    /// numbers from 10 up and the unit's first letter ("7.5G", "15G", "512M"; bytes bare: "0").
    /// </summary>
    public static string FormatBinaryShort(long bytes) => Scaled(bytes, 1024, BinaryScale, isShort: true);

    /// <summary>Disk for narrow cells, at most <see cref="MaxShortWidth"/> characters: "750G", "1.5T" (as <see cref="FormatBinaryShort"/>).</summary>
    public static string FormatDecimalShort(long bytes) => Scaled(bytes, 1000, DecimalScale, isShort: true);

    private static string Scaled(long bytes, int step, string[] units, bool isShort)
    {
        var sign = bytes < 0 ? "-" : "";
        var value = Math.Abs((double)bytes);
        var wholeFrom = isShort ? 10 : 100;
        var unit = 0;

        // Move up a unit once the number as printed reaches 1000, so that it never takes four digits.
        while (unit < units.Length - 1 && Rounded(value, wholeFrom) >= 1000)
        {
            value /= step;
            unit++;
        }

        var number = Number(value, wholeFrom);
        if (isShort)
        {
            return sign + number + (unit == 0 ? "" : units[unit][..1]);
        }

        return sign + number + " " + units[unit];
    }

    private static double Rounded(double value, int wholeFrom)
    {
        var tenths = Math.Round(value, 1, MidpointRounding.AwayFromZero);
        return tenths >= wholeFrom ? Math.Round(value, MidpointRounding.AwayFromZero) : tenths;
    }

    private static string Number(double value, int wholeFrom)
    {
        // "8 GiB" reads better than "8.0 GiB", but 0.98 GiB must not become "1 GiB": only a whole amount loses its decimal.
        var rounded = Rounded(value, wholeFrom);
        return rounded >= wholeFrom || value == Math.Floor(value)
            ? rounded.ToString("0", CultureInfo.InvariantCulture)
            : rounded.ToString("0.0", CultureInfo.InvariantCulture);
    }

    private static string Format(long bytes, string separator)
    {
        if (bytes < 0)
        {
            return "-" + Format(bytes == long.MinValue ? long.MaxValue : -bytes, separator);
        }

        var binary = ExactForm(bytes, BinaryUnits, separator);
        var @decimal = ExactForm(bytes, DecimalUnits, separator);
        if (binary is not null && (@decimal is null || binary.Length <= @decimal.Length))
        {
            return binary;
        }

        if (@decimal is not null)
        {
            return @decimal;
        }

        foreach (var (name, factor) in BinaryUnits)
        {
            if (bytes >= factor)
            {
                return ((double)bytes / factor).ToString("0.#", CultureInfo.InvariantCulture) + separator + name;
            }
        }

        return bytes.ToString(CultureInfo.InvariantCulture) + separator + "B";
    }

    private static string? ExactForm(long bytes, (string Name, long Factor)[] units, string separator)
    {
        if (bytes == 0)
        {
            return "0" + separator + "B";
        }

        foreach (var (name, factor) in units)
        {
            // Only the largest unit that fits is considered: 23.5 GiB must not print as "24684092 KiB" just because that is exact.
            if (bytes < factor)
            {
                continue;
            }

            // Exact with at most two decimals: bytes * 100 is a multiple of the unit (checked without overflow).
            return (decimal)bytes * 100 % factor == 0
                ? ((decimal)bytes / factor).ToString("0.##", CultureInfo.InvariantCulture) + separator + name
                : null;
        }

        return bytes < 1000 ? bytes.ToString(CultureInfo.InvariantCulture) + separator + "B" : null;
    }

    private static bool TryParseNumber(string text, out double value)
    {
        value = 0;
        return text.Length > 0 && text != "."
            && double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value);
    }

    private static bool TryGetFactor(string unit, out long factor)
    {
        if (unit.Length == 0 || unit.Equals("B", StringComparison.OrdinalIgnoreCase))
        {
            factor = 1;
            return true;
        }

        foreach (var (name, unitFactor) in BinaryUnits.Concat(DecimalUnits))
        {
            if (unit.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                factor = unitFactor;
                return true;
            }
        }

        factor = 0;
        return false;
    }
}
