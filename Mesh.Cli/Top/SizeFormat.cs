using System.Globalization;

namespace Mesh.Cli.Top;

/// <summary>
/// Byte counts as people read them. Memory is shown in binary units (KiB, MiB, GiB: what RAM is sold and reported
/// in), disk in decimal units (KB, MB, GB, TB: what disks are sold in and what <c>--capacity disk=1TB</c> means).
/// At most three significant digits: a value reaching 1000 of a unit moves to the next unit.
/// </summary>
/// <remarks>Written for <c>mesh top</c> because Mesh.Core has no size formatter yet; move it there when one is needed elsewhere.</remarks>
internal static class SizeFormat
{
    private static readonly string[] BinaryUnits = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
    private static readonly string[] DecimalUnits = ["B", "KB", "MB", "GB", "TB", "PB", "EB"];

    /// <summary>Memory: "14.5 GiB", "512 MiB", "0 B".</summary>
    public static string Binary(long bytes) => Format(bytes, 1024, BinaryUnits, " ");

    /// <summary>Disk: "1 TB", "750 GB".</summary>
    public static string Decimal(long bytes) => Format(bytes, 1000, DecimalUnits, " ");

    /// <summary>Memory in at most four characters for table cells: "7.5G", "512M", "0".</summary>
    public static string BinaryCompact(long bytes) => Compact(Binary(bytes));

    /// <summary>Disk in at most four characters for table cells: "1T", "750G".</summary>
    public static string DecimalCompact(long bytes) => Compact(Decimal(bytes));

    /// <summary>CPU cores with one decimal: "4.0", "0.5", "18.0".</summary>
    public static string Cores(double cores) => cores.ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>CPU cores in at most three characters for table cells: "4.0", "0.5"; ten cores and more without decimals ("18").</summary>
    public static string CoresCompact(double cores) =>
        Math.Abs(cores) >= 10 ? Math.Round(cores).ToString("0", CultureInfo.InvariantCulture) : cores.ToString("0.0", CultureInfo.InvariantCulture);

    private static string Format(long bytes, int step, string[] units, string separator)
    {
        var sign = bytes < 0 ? "-" : "";
        var value = Math.Abs((double)bytes);
        var unit = 0;
        while (unit < units.Length - 1 && Math.Round(value, value >= 100 ? 0 : 1) >= 1000)
        {
            value /= step;
            unit++;
        }

        return sign + Number(value) + separator + units[unit];
    }

    private static string Number(double value)
    {
        if (value >= 100)
        {
            return Math.Round(value).ToString("0", CultureInfo.InvariantCulture);
        }

        // "8 GiB" reads better than "8.0 GiB", but 0.98 GiB must not become "1 GiB".
        return value == Math.Floor(value)
            ? value.ToString("0", CultureInfo.InvariantCulture)
            : value.ToString("0.0", CultureInfo.InvariantCulture);
    }

    private static string Compact(string formatted)
    {
        var space = formatted.IndexOf(' ', StringComparison.Ordinal);
        var number = formatted[..space];
        var unit = formatted[(space + 1)..];
        return unit == "B" ? number : number + unit[0];
    }
}
