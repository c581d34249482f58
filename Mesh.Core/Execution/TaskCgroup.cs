using System.Globalization;

namespace Mesh.Core.Execution;

/// <summary>
/// The cgroups of one attempt, one per hierarchy the node may use: limits written before the task starts, the task
/// put in them by its launch wrapper before it execs, usage read and every member killed at the end.
/// </summary>
internal sealed partial class TaskCgroup
{
    private const long CpuPeriodMicroseconds = 100_000;

    private readonly List<(CgroupHierarchy Hierarchy, string Directory)> _groups;

    private TaskCgroup(List<(CgroupHierarchy, string)> groups) => _groups = groups;

    /// <summary>The <c>cgroup.procs</c> file of each cgroup; the wrapper writes its pid to each before exec.</summary>
    public IEnumerable<string> ProcsFiles => _groups.Select(g => Path.Combine(g.Directory, "cgroup.procs"));

    /// <summary>
    /// Makes the attempt's cgroups and writes its limits. A limit that cannot be written is added to
    /// <paramref name="problems"/>; a cgroup that cannot be made is skipped the same way.
    /// </summary>
    public static TaskCgroup Create(IReadOnlyList<CgroupHierarchy> hierarchies, string name, ExecutionLimits limits, List<string> problems)
    {
        var groups = new List<(CgroupHierarchy, string)>();
        foreach (var hierarchy in hierarchies)
        {
            var directory = Path.Combine(hierarchy.TasksDirectory, name);
            try
            {
                Directory.CreateDirectory(directory);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problems.Add($"cannot create {directory}: {e.Message}");
                continue;
            }

            groups.Add((hierarchy, directory));
            WriteLimits(hierarchy, directory, limits, problems);
        }

        return new TaskCgroup(groups);
    }

    /// <summary>True when a memory limit of these limits is enforced by one of the cgroups.</summary>
    public bool Enforces(string controller) => _groups.Any(g => g.Hierarchy.Has(controller));

    /// <summary>Kills every process in the cgroups: cgroup.kill on v2, else SIGKILL to each listed process.</summary>
    public void KillAll()
    {
        foreach (var (hierarchy, directory) in _groups)
        {
            if (hierarchy.Has("kill") && CgroupProbe.TryWrite(Path.Combine(directory, "cgroup.kill"), "1", out _))
            {
                continue;
            }

            foreach (var pid in Members(directory))
            {
                _ = LibC.Kill(pid, LibC.SigKill);
            }
        }
    }

    /// <summary>True when no process is left in any of the cgroups.</summary>
    public bool IsEmpty() => _groups.All(g => !Members(g.Directory).Any());

    /// <summary>True when the kernel's OOM killer killed a process of the task for its memory limit.</summary>
    public bool OomKilled()
    {
        foreach (var (hierarchy, directory) in _groups.Where(g => g.Hierarchy.Has("memory")))
        {
            var file = hierarchy.Version == CgroupVersion.V2 ? "memory.events" : "memory.oom_control";
            if (ReadKeyed(Path.Combine(directory, file), "oom_kill") is > 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>CPU time and peak memory of the task, where the cgroups account them.</summary>
    public ExecutionUsage ReadUsage()
    {
        TimeSpan? user = null, system = null;
        long? peak = null;
        foreach (var (hierarchy, directory) in _groups)
        {
            if (hierarchy.Version == CgroupVersion.V2)
            {
                var stat = Path.Combine(directory, "cpu.stat");
                user ??= ReadKeyed(stat, "user_usec") is { } u ? TimeSpan.FromMicroseconds(u) : null;
                system ??= ReadKeyed(stat, "system_usec") is { } s ? TimeSpan.FromMicroseconds(s) : null;
                peak ??= hierarchy.Has("memory") ? ReadNumber(Path.Combine(directory, "memory.peak")) : null;
            }
            else
            {
                if (hierarchy.Has("cpuacct"))
                {
                    user ??= ReadNumber(Path.Combine(directory, "cpuacct.usage_user")) is { } u ? TimeSpan.FromTicks(u / 100) : null;
                    system ??= ReadNumber(Path.Combine(directory, "cpuacct.usage_sys")) is { } s ? TimeSpan.FromTicks(s / 100) : null;
                }

                peak ??= hierarchy.Has("memory") ? ReadNumber(Path.Combine(directory, "memory.max_usage_in_bytes")) : null;
            }
        }

        return new ExecutionUsage(user, system, peak);
    }

    /// <summary>Removes the cgroups; a cgroup still holding a dying process is retried for up to a second.</summary>
    public async Task RemoveAsync(TimeProvider timeProvider)
    {
        for (var attempt = 0; attempt < 20 && _groups.Count > 0; attempt++)
        {
            _groups.RemoveAll(g => TryRemove(g.Directory));
            if (_groups.Count > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), timeProvider).ConfigureAwait(false);
            }
        }
    }

    private static bool TryRemove(string directory)
    {
        try
        {
            Directory.Delete(directory);
            return true;
        }
        catch (DirectoryNotFoundException)
        {
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static void WriteLimits(CgroupHierarchy hierarchy, string directory, ExecutionLimits limits, List<string> problems)
    {
        var v2 = hierarchy.Version == CgroupVersion.V2;
        if (limits.MemoryBytes is { } memory && hierarchy.Has("memory"))
        {
            var bytes = memory.ToString(CultureInfo.InvariantCulture);
            Write(directory, v2 ? "memory.max" : "memory.limit_in_bytes", bytes, problems);

            // No swap: otherwise a hog pages out and runs on slowly instead of meeting its limit. Absent when the
            // kernel has no swap accounting, which is fine.
            _ = CgroupProbe.TryWrite(Path.Combine(directory, v2 ? "memory.swap.max" : "memory.memsw.limit_in_bytes"), v2 ? "0" : bytes, out _);
        }

        if (limits.CpuCores is { } cores && hierarchy.Has("cpu"))
        {
            var quota = QuotaOf(cores);
            if (v2)
            {
                Write(directory, "cpu.max", $"{quota} {CpuPeriodMicroseconds}", problems);
            }
            else
            {
                Write(directory, "cpu.cfs_period_us", CpuPeriodMicroseconds.ToString(CultureInfo.InvariantCulture), problems);
                Write(directory, "cpu.cfs_quota_us", quota, problems);
            }
        }

        if (limits.MaxProcesses is { } processes && hierarchy.Has("pids"))
        {
            Write(directory, "pids.max", processes.ToString(CultureInfo.InvariantCulture), problems);
        }
    }

    private static void Write(string directory, string file, string value, List<string> problems)
    {
        if (!CgroupProbe.TryWrite(Path.Combine(directory, file), value, out var error))
        {
            problems.Add($"cannot set {file}: {error}");
        }
    }

    private static IEnumerable<int> Members(string directory)
    {
        var text = CgroupProbe.ReadOrNull(Path.Combine(directory, "cgroup.procs")) ?? "";
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                yield return pid;
            }
        }
    }

    private static long? ReadNumber(string path) =>
        long.TryParse(CgroupProbe.ReadOrNull(path)?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    // "key value" lines, as in cpu.stat, memory.events and memory.oom_control.
    private static long? ReadKeyed(string path, string key)
    {
        foreach (var line in (CgroupProbe.ReadOrNull(path) ?? "").Split('\n'))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0 && line.AsSpan(0, space).SequenceEqual(key)
                && long.TryParse(line.AsSpan(space + 1).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }
        }

        return null;
    }
}
