using System.Globalization;

namespace Mesh.Core.Probe;

/// <summary>The cgroup parsers (v2 <c>cpu.max</c> and <c>memory.max</c>, v1 CFS quota and memory limit, <c>/proc/self/cgroup</c>).</summary>
public static partial class ProcParsers
{
    /// <summary>
    /// Reads a cgroup v2 <c>cpu.max</c> (<c>QUOTA PERIOD</c> or <c>max PERIOD</c>) as cores; true with null when unlimited.
    /// </summary>
    public static bool TryParseCgroupCpuMax(string? text, out double? cores)
    {
        cores = null;
        var fields = (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length is < 1 or > 2)
        {
            return false;
        }

        var period = 100_000L;
        if (fields.Length == 2 && (!long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out period) || period <= 0))
        {
            return false;
        }

        if (fields[0] == "max")
        {
            return true;
        }

        return TryCores(fields[0], period, out cores);
    }

    /// <summary>Reads cgroup v1 <c>cpu.cfs_quota_us</c> and <c>cpu.cfs_period_us</c> as cores; true with null when unlimited (-1).</summary>
    public static bool TryParseCgroupV1CpuQuota(string? quotaText, string? periodText, out double? cores)
    {
        cores = null;
        var quota = (quotaText ?? "").Trim();
        if (quota == "-1")
        {
            return true;
        }

        return long.TryParse((periodText ?? "").Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var period)
            && period > 0 && TryCores(quota, period, out cores);
    }

    /// <summary>
    /// Reads a memory limit: cgroup v2 <c>memory.max</c> (<c>max</c> or bytes) or v1 <c>memory.limit_in_bytes</c>
    /// (a huge number near 2^63 meaning unlimited); true with null when unlimited.
    /// </summary>
    public static bool TryParseCgroupMemoryLimit(string? text, out long? bytes)
    {
        bytes = null;
        var trimmed = (text ?? "").Trim();
        if (trimmed == "max")
        {
            return true;
        }

        if (!ulong.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        // v1 writes "unlimited" as LONG_MAX rounded down to a page; anything past 2^62 is not a real limit.
        bytes = value >= 1UL << 62 ? null : (long)value;
        return true;
    }

    /// <summary>
    /// Reads <c>/proc/self/cgroup</c>: the cgroup path per controller (<c>memory</c>, <c>cpu</c>, ...), with the v2
    /// unified path under the key <c>""</c>. Malformed lines are skipped.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ParseCgroupPaths(string? text)
    {
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in Lines(text))
        {
            var first = line.IndexOf(':', StringComparison.Ordinal);
            var second = first < 0 ? -1 : line.IndexOf(':', first + 1);
            if (second < 0)
            {
                continue;
            }

            var path = line[(second + 1)..];
            if (!path.StartsWith('/'))
            {
                continue;
            }

            foreach (var controller in line[(first + 1)..second].Split(','))
            {
                paths.TryAdd(controller, path);
            }
        }

        return paths;
    }

    private static bool TryCores(string quotaText, long period, out double? cores)
    {
        cores = null;
        if (!long.TryParse(quotaText, NumberStyles.None, CultureInfo.InvariantCulture, out var quota) || quota <= 0)
        {
            return false;
        }

        cores = (double)quota / period;
        return true;
    }
}
