using System.Globalization;

namespace Mesh.Cli.Output;

/// <summary>Short, fixed-culture renderings of amounts for the human forms of <c>mesh</c> output.</summary>
public static class Units
{
    private static readonly string[] BinaryUnits = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
    private static readonly string[] DecimalUnits = ["B", "KB", "MB", "GB", "TB", "PB", "EB"];

    /// <summary>Memory in binary units, at most 8 characters: <c>7.5GiB</c>, <c>512MiB</c>.</summary>
    public static string Memory(long bytes) => Scale(bytes, 1024, BinaryUnits);

    /// <summary>Disk in decimal units (as disks are sold and as <c>--capacity disk=1TB</c> reads), at most 7 characters: <c>750GB</c>, <c>1TB</c>.</summary>
    public static string Disk(long bytes) => Scale(bytes, 1000, DecimalUnits);

    /// <summary>CPU cores: <c>4</c>, <c>2.5</c>.</summary>
    public static string Cpu(double cores) => cores.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>A score in at most 7 characters: <c>1234.5</c>, <c>98765</c>, <c>1.2M</c>.</summary>
    public static string Score(double score) => Math.Abs(score) switch
    {
        < 10_000 => score.ToString("0.#", CultureInfo.InvariantCulture),
        < 1_000_000 => score.ToString("0", CultureInfo.InvariantCulture),
        < 1_000_000_000 => (score / 1_000_000).ToString("0.#", CultureInfo.InvariantCulture) + "M",
        _ => (score / 1_000_000_000).ToString("0.#", CultureInfo.InvariantCulture) + "G",
    };

    /// <summary>How long ago, in the largest whole unit: <c>3s ago</c>, <c>5m ago</c>, <c>2h ago</c>, <c>4d ago</c>.</summary>
    public static string Ago(DateTimeOffset then, DateTimeOffset now)
    {
        var elapsed = now - then;
        if (then == default)
        {
            return "never";
        }

        if (elapsed < TimeSpan.Zero)
        {
            // Clocks of two machines disagree a little; a peer is not seen in the future.
            elapsed = TimeSpan.Zero;
        }

        return elapsed switch
        {
            { TotalSeconds: < 60 } => $"{(int)elapsed.TotalSeconds}s ago",
            { TotalMinutes: < 60 } => $"{(int)elapsed.TotalMinutes}m ago",
            { TotalHours: < 48 } => $"{(int)elapsed.TotalHours}h ago",
            _ => $"{Math.Min((int)elapsed.TotalDays, 9999)}d ago",
        };
    }

    /// <summary>A duration in at most 7 characters, two units at most: <c>850ms</c>, <c>12s</c>, <c>3m04s</c>, <c>1h02m</c>, <c>2d03h</c>.</summary>
    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }

        return span switch
        {
            { TotalSeconds: < 1 } => $"{(int)span.TotalMilliseconds}ms",
            { TotalMinutes: < 1 } => $"{(int)span.TotalSeconds}s",
            { TotalHours: < 1 } => $"{span.Minutes}m{span.Seconds:00}s",
            { TotalDays: < 1 } => $"{span.Hours}h{span.Minutes:00}m",
            _ => $"{Math.Min((int)span.TotalDays, 999)}d{span.Hours:00}h",
        };
    }

    private static string Scale(long bytes, int step, string[] units)
    {
        if (bytes < 0)
        {
            return "-" + Scale(bytes == long.MinValue ? long.MaxValue : -bytes, step, units);
        }

        double value = bytes;
        var unit = 0;

        // Move up a unit at 1000 either way, so the number never takes four digits and a decimal.
        while (value >= 1000 && unit < units.Length - 1)
        {
            value /= step;
            unit++;
        }

        var format = value >= 100 || unit == 0 ? "0" : "0.#";
        return value.ToString(format, CultureInfo.InvariantCulture) + units[unit];
    }
}
