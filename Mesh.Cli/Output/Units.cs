using System.Globalization;
using Mesh.Core.Resources;

namespace Mesh.Cli.Output;

/// <summary>
/// The one vocabulary of amounts in the human forms of <c>mesh</c> output (<c>mesh node</c>, <c>mesh peers</c>,
/// <c>mesh top</c>), in a fixed culture. Memory is in binary units and disk in decimal units, as people read RAM and
/// disks (<see cref="ByteSize.FormatBinary"/>, <see cref="ByteSize.FormatDecimal"/>). A number is whole from 100 up and
/// otherwise has one decimal, left out when the amount is whole ("4", "2.5", "7.5 GiB"); the <c>Short</c> forms, for
/// narrow cells, are whole from 10 up ("18", "15G"). Each method documents the most characters it writes.
/// </summary>
public static class Units
{
    /// <summary>The most characters <see cref="Ago"/> writes ("999d ago").</summary>
    public const int MaxAgoWidth = 8;

    private const int MaxDays = 999;

    /// <summary>Memory, at most <see cref="ByteSize.MaxBinaryWidth"/> (8) characters: <c>7.5 GiB</c>, <c>512 MiB</c>.</summary>
    public static string Memory(long bytes) => ByteSize.FormatBinary(bytes);

    /// <summary>Disk, at most <see cref="ByteSize.MaxDecimalWidth"/> (7) characters: <c>750 GB</c>, <c>1.5 TB</c>.</summary>
    public static string Disk(long bytes) => ByteSize.FormatDecimal(bytes);

    /// <summary>Memory for narrow cells, at most <see cref="ByteSize.MaxShortWidth"/> (4) characters: <c>7.5G</c>, <c>15G</c>, <c>512M</c>.</summary>
    public static string MemoryShort(long bytes) => ByteSize.FormatBinaryShort(bytes);

    /// <summary>Disk for narrow cells, at most <see cref="ByteSize.MaxShortWidth"/> (4) characters: <c>750G</c>, <c>1.5T</c>.</summary>
    public static string DiskShort(long bytes) => ByteSize.FormatDecimalShort(bytes);

    /// <summary>CPU cores, at most 4 characters below 1000 cores: <c>4</c>, <c>2.5</c>, <c>12.6</c>, <c>128</c>.</summary>
    public static string Cpu(double cores) => Number(cores, 100);

    /// <summary>CPU cores for narrow cells, at most 3 characters below 1000 cores: <c>4</c>, <c>0.5</c>, <c>13</c>.</summary>
    public static string CpuShort(double cores) => Number(cores, 10);

    /// <summary>The most characters <see cref="CpuSeconds"/> writes below a million core-years.</summary>
    public const int MaxCpuSecondsWidth = 5;

    /// <summary>
    /// CPU time in the largest fitting unit, at most <see cref="MaxCpuSecondsWidth"/> characters: <c>0</c>, <c>45s</c>,
    /// <c>12m</c>, <c>3.4h</c>, <c>36h</c>, <c>15d</c>, <c>2.1y</c>; <c>-</c> when not known (NaN or negative).
    /// </summary>
    public static string CpuSeconds(double seconds) => seconds switch
    {
        double.NaN or < 0 => "-",
        0 => "0",
        < 59.5 => Number(seconds, 10) + "s",
        < 3570 => Number(seconds / 60, 10) + "m",
        < 48 * 3600 => Number(seconds / 3600, 10) + "h",
        < 365 * 86400 => Number(seconds / 86400, 10) + "d",
        _ => Number(Math.Min(seconds / (365 * 86400.0), 999), 10) + "y",
    };

    /// <summary>A benchmark score, at most 5 characters below ten billion: <c>39.3</c>, <c>1235</c>, <c>1.2M</c>; <c>-</c> when not measured.</summary>
    public static string Score(double score) => score switch
    {
        <= 0 or double.NaN => "-",
        < 99_999.5 => Number(score, 100),
        _ => Number(score / 1_000_000, 100) + "M",
    };

    /// <summary>How long ago in the largest whole unit, at most 4 characters: <c>3s</c>, <c>5m</c>, <c>36h</c>, <c>4d</c>; <c>-</c> when never.</summary>
    public static string Age(DateTimeOffset then, DateTimeOffset now)
    {
        if (then == default)
        {
            return "-";
        }

        // Clocks of two machines disagree a little; a peer is not seen in the future.
        var elapsed = now > then ? now - then : TimeSpan.Zero;
        return elapsed switch
        {
            { TotalSeconds: < 60 } => $"{(int)elapsed.TotalSeconds}s",
            { TotalMinutes: < 60 } => $"{(int)elapsed.TotalMinutes}m",
            { TotalHours: < 48 } => $"{(int)elapsed.TotalHours}h",
            _ => $"{(int)Math.Min(elapsed.TotalDays, MaxDays)}d",
        };
    }

    /// <summary>How long ago as <see cref="Age"/> with "ago", at most <see cref="MaxAgoWidth"/> characters: <c>3s ago</c>; <c>never</c>.</summary>
    public static string Ago(DateTimeOffset then, DateTimeOffset now) => then == default ? "never" : Age(then, now) + " ago";

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

    private static string Number(double value, int wholeFrom)
    {
        // The rule of ByteSize's column forms: a whole amount loses its decimal, a near one keeps it ("4.0" for 3.98).
        var tenths = Math.Round(value, 1, MidpointRounding.AwayFromZero);
        return Math.Abs(tenths) >= wholeFrom || value == Math.Floor(value)
            ? Math.Round(value, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture)
            : tenths.ToString("0.0", CultureInfo.InvariantCulture);
    }
}
