namespace Mesh.Core.Probe;

/// <summary>
/// The CPU quota and memory limit of this process's cgroup and its ancestors (the strictest wins), cgroup v2 or v1.
/// A limit that cannot be read counts as no limit: the machine's own figures then apply.
/// </summary>
internal sealed class CgroupLimits(string procRoot, string cgroupRoot)
{
    private readonly IReadOnlyDictionary<string, string> _paths =
        ProcParsers.ParseCgroupPaths(ReadOrNull(Path.Combine(procRoot, "self", "cgroup")));

    /// <summary>The strictest CPU quota in cores, or null when unlimited.</summary>
    public double? CpuQuotaCores()
    {
        double? strictest = null;
        foreach (var directory in Directories("", ""))
        {
            if (ProcParsers.TryParseCgroupCpuMax(ReadOrNull(Path.Combine(directory, "cpu.max")), out var cores) && cores is { } c)
            {
                strictest = Math.Min(strictest ?? double.MaxValue, c);
            }
        }

        foreach (var directory in Directories("cpu", "cpu").Concat(Directories("cpu", "cpu,cpuacct")))
        {
            if (ProcParsers.TryParseCgroupV1CpuQuota(
                    ReadOrNull(Path.Combine(directory, "cpu.cfs_quota_us")), ReadOrNull(Path.Combine(directory, "cpu.cfs_period_us")), out var cores)
                && cores is { } c)
            {
                strictest = Math.Min(strictest ?? double.MaxValue, c);
            }
        }

        return strictest;
    }

    /// <summary>The strictest memory limit in bytes, or null when unlimited.</summary>
    public long? MemoryLimitBytes()
    {
        long? strictest = null;
        foreach (var directory in Directories("", ""))
        {
            if (ProcParsers.TryParseCgroupMemoryLimit(ReadOrNull(Path.Combine(directory, "memory.max")), out var bytes) && bytes is { } b)
            {
                strictest = Math.Min(strictest ?? long.MaxValue, b);
            }
        }

        foreach (var directory in Directories("memory", "memory"))
        {
            if (ProcParsers.TryParseCgroupMemoryLimit(ReadOrNull(Path.Combine(directory, "memory.limit_in_bytes")), out var bytes) && bytes is { } b)
            {
                strictest = Math.Min(strictest ?? long.MaxValue, b);
            }
        }

        return strictest;
    }

    // The cgroup directory of this process for a controller, then each ancestor up to the mount root. The v2 tree
    // is mounted at the root (pure v2) or at "unified" (hybrid); v1 controllers at their own names.
    private IEnumerable<string> Directories(string controller, string mount)
    {
        if (!_paths.TryGetValue(controller, out var path))
        {
            yield break;
        }

        var mounts = controller.Length == 0 ? (string[])[cgroupRoot, Path.Combine(cgroupRoot, "unified")] : [Path.Combine(cgroupRoot, mount)];
        foreach (var root in mounts)
        {
            var relative = path.Trim('/');
            while (true)
            {
                yield return relative.Length == 0 ? root : Path.Combine(root, relative);
                if (relative.Length == 0)
                {
                    break;
                }

                var slash = relative.LastIndexOf('/');
                relative = slash < 0 ? "" : relative[..slash];
            }
        }
    }

    private static string? ReadOrNull(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
