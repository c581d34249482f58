using System.Globalization;

namespace Mesh.Core.Probe;

/// <summary>Pure parsers of the Linux <c>/proc</c> and cgroup files the probe reads; they never throw on malformed text.</summary>
public static partial class ProcParsers
{
    /// <summary>Reads MemTotal and MemAvailable (kB) from <c>/proc/meminfo</c>.</summary>
    public static bool TryParseMemInfo(string? text, out MemInfo info)
    {
        info = default;
        long? total = null;
        long? available = null;
        foreach (var line in Lines(text))
        {
            if (TryReadKbLine(line, "MemTotal:", out var value))
            {
                total = value;
            }
            else if (TryReadKbLine(line, "MemAvailable:", out value))
            {
                available = value;
            }
        }

        if (total is not { } t || available is not { } a || t <= 0)
        {
            return false;
        }

        info = new MemInfo(t, Math.Min(a, t));
        return true;
    }

    /// <summary>Reads the aggregate <c>cpu</c> line of <c>/proc/stat</c> and counts the <c>cpuN</c> lines.</summary>
    public static bool TryParseCpuTimes(string? text, out CpuTimes times)
    {
        times = default;
        ulong[]? aggregate = null;
        var cpus = 0;
        foreach (var line in Lines(text))
        {
            if (line.StartsWith("cpu ", StringComparison.Ordinal))
            {
                aggregate = ParseTicks(line[4..]);
            }
            else if (line.Length > 3 && line.StartsWith("cpu", StringComparison.Ordinal) && char.IsAsciiDigit(line[3]))
            {
                cpus++;
            }
        }

        // user nice system idle iowait irq softirq steal [guest guest_nice]: guest time is already counted in user.
        if (aggregate is null || aggregate.Length < 4)
        {
            return false;
        }

        ulong total = 0;
        for (var i = 0; i < Math.Min(aggregate.Length, 8); i++)
        {
            total += aggregate[i];
        }

        var idle = aggregate[3] + (aggregate.Length > 4 ? aggregate[4] : 0);
        times = new CpuTimes(total, idle, Math.Max(1, cpus));
        return true;
    }

    /// <summary>Reads pid, ppid, utime+stime, rss and start time from one <c>/proc/PID/stat</c>.</summary>
    public static bool TryParseProcessStat(string? text, out ProcessStat stat)
    {
        stat = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        // The command name is in parentheses and may itself hold spaces and ')': the fields resume after the last ')'.
        var open = text.IndexOf('(', StringComparison.Ordinal);
        var close = text.LastIndexOf(')');
        if (open <= 0 || close < open)
        {
            return false;
        }

        if (!int.TryParse(text.AsSpan(0, open).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            return false;
        }

        // Fields after the name, numbered from 3 (state) as in proc(5): ppid 4, utime 14, stime 15, starttime 22, rss 24.
        var fields = text[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 22
            || !int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ppid)
            || !ulong.TryParse(fields[11], NumberStyles.None, CultureInfo.InvariantCulture, out var utime)
            || !ulong.TryParse(fields[12], NumberStyles.None, CultureInfo.InvariantCulture, out var stime)
            || !ulong.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            || !long.TryParse(fields[21], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var rss))
        {
            return false;
        }

        stat = new ProcessStat(pid, ppid, utime + stime, Math.Max(0, rss), start);
        return true;
    }

    /// <summary>Counts the CPUs in a list such as <c>0-3,8,10-11</c> (<c>Cpus_allowed_list</c>, <c>cpuset.cpus</c>).</summary>
    public static bool TryParseCpuList(string? text, out int count)
    {
        count = 0;
        var trimmed = (text ?? "").Trim();
        if (trimmed.Length == 0)
        {
            return false;
        }

        foreach (var part in trimmed.Split(','))
        {
            var dash = part.IndexOf('-', StringComparison.Ordinal);
            if (dash < 0)
            {
                if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                {
                    return false;
                }

                count++;
            }
            else if (int.TryParse(part.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var first)
                && int.TryParse(part.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var last)
                && last >= first && last - first < 1_000_000)
            {
                count += last - first + 1;
            }
            else
            {
                return false;
            }
        }

        return count > 0;
    }

    /// <summary>Reads <c>Cpus_allowed_list</c> from <c>/proc/self/status</c> and counts the CPUs (the affinity mask).</summary>
    public static bool TryParseAllowedCpus(string? statusText, out int count)
    {
        foreach (var line in Lines(statusText))
        {
            if (line.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal))
            {
                return TryParseCpuList(line["Cpus_allowed_list:".Length..], out count);
            }
        }

        count = 0;
        return false;
    }

    /// <summary>Reads the first <c>model name</c> of <c>/proc/cpuinfo</c> (or <c>Hardware</c>/<c>Processor</c> on some ARM boards).</summary>
    public static string? ParseCpuModel(string? text)
    {
        foreach (var key in (string[])["model name", "Hardware", "Processor", "cpu model"])
        {
            foreach (var line in Lines(text))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0 && line[..colon].Trim().Equals(key, StringComparison.Ordinal) && line[(colon + 1)..].Trim() is { Length: > 0 } value)
                {
                    return value;
                }
            }
        }

        return null;
    }

    private static bool TryReadKbLine(string line, string key, out long bytes)
    {
        bytes = 0;
        if (!line.StartsWith(key, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = line[key.Length..].Trim();
        var unitAt = rest.IndexOf(' ', StringComparison.Ordinal);
        var number = unitAt < 0 ? rest : rest[..unitAt];
        var unit = unitAt < 0 ? "" : rest[unitAt..].Trim();
        if (!long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > long.MaxValue / 1024)
        {
            return false;
        }

        bytes = unit.Equals("kB", StringComparison.OrdinalIgnoreCase) ? value * 1024 : value;
        return true;
    }

    private static ulong[]? ParseTicks(string text)
    {
        var fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var ticks = new ulong[fields.Length];
        for (var i = 0; i < fields.Length; i++)
        {
            if (!ulong.TryParse(fields[i], NumberStyles.None, CultureInfo.InvariantCulture, out ticks[i]))
            {
                return null;
            }
        }

        return ticks;
    }

    private static string[] Lines(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
