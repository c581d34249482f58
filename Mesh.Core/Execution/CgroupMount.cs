namespace Mesh.Core.Execution;

/// <summary>A mounted cgroup file system, from <c>/proc/self/mountinfo</c>.</summary>
/// <param name="Version">v1 or v2.</param>
/// <param name="MountPoint">Where it is mounted.</param>
/// <param name="Root">Which cgroup of the hierarchy the mount shows at its mount point (mountinfo field 4).</param>
/// <param name="Controllers">For v1, the controllers of the hierarchy (from the super options); empty for v2.</param>
internal sealed record CgroupMount(CgroupVersion Version, string MountPoint, string Root, IReadOnlySet<string> Controllers)
{
    private static readonly HashSet<string> KnownV1Controllers =
        ["cpu", "cpuacct", "cpuset", "memory", "devices", "freezer", "net_cls", "blkio", "perf_event", "net_prio", "hugetlb", "pids", "rdma", "misc"];

    /// <summary>Reads the cgroup mounts out of mountinfo text; lines that do not parse are skipped.</summary>
    public static IReadOnlyList<CgroupMount> ParseMountInfo(string? text)
    {
        var mounts = new List<CgroupMount>();
        foreach (var line in (text ?? "").Split('\n'))
        {
            var fields = line.Split(' ');
            var separator = Array.IndexOf(fields, "-");
            if (separator < 6 || fields.Length < separator + 4)
            {
                continue;
            }

            var type = fields[separator + 1];
            if (type == "cgroup2")
            {
                mounts.Add(new CgroupMount(CgroupVersion.V2, fields[4], fields[3], new HashSet<string>()));
            }
            else if (type == "cgroup")
            {
                var controllers = fields[separator + 3].Split(',').Where(KnownV1Controllers.Contains).ToHashSet();
                if (controllers.Count > 0)
                {
                    mounts.Add(new CgroupMount(CgroupVersion.V1, fields[4], fields[3], controllers));
                }
            }
        }

        return mounts;
    }

    /// <summary>
    /// The directory of the cgroup at <paramref name="cgroupPath"/> (as /proc/self/cgroup names it) under this mount,
    /// or null when the mount does not show that cgroup.
    /// </summary>
    public string? DirectoryOf(string cgroupPath)
    {
        var root = Root.TrimEnd('/');
        if (root.Length > 0 && cgroupPath != root && !cgroupPath.StartsWith(root + "/", StringComparison.Ordinal))
        {
            return null;
        }

        var relative = cgroupPath[root.Length..].TrimStart('/');
        return relative.Length == 0 ? MountPoint : Path.Combine(MountPoint, relative);
    }
}
