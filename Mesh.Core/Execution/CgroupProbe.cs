namespace Mesh.Core.Execution;

/// <summary>
/// Finds where this node may make cgroups for its tasks: only under its own cgroup (never elsewhere in the tree),
/// preferring v2 for each controller and falling back to v1 hierarchies (hybrid machines mount both).
/// </summary>
internal static class CgroupProbe
{
    /// <summary>The controllers a task cgroup uses. "cpuacct" stands for CPU accounting (v2 has it as cpu.stat always).</summary>
    // "freezer" suspends a task for its owner: the v1 freezer controller; on v2 the core file cgroup.freeze.
    private static readonly string[] Wanted = ["memory", "cpu", "pids", "cpuacct", "freezer"];

    private static readonly string[] V2Controllers = ["memory", "cpu", "pids"];

    /// <summary>Probes the machine; each problem is added to <paramref name="problems"/> and skipped.</summary>
    public static IReadOnlyList<CgroupHierarchy> Probe(LocalExecutorOptions options, List<string> problems)
    {
        var mounts = CgroupMount.ParseMountInfo(ReadOrNull(Path.Combine(options.ProcRoot, "self", "mountinfo")));
        var membership = ReadOrNull(Path.Combine(options.ProcRoot, "self", "cgroup"));
        var hierarchies = new List<CgroupHierarchy>();
        var covered = new HashSet<string>();

        if (mounts.FirstOrDefault(m => m.Version == CgroupVersion.V2) is { } unified
            && ProcessCgroups.UnifiedPath(membership) is { } unifiedPath
            && unified.DirectoryOf(unifiedPath) is { } unifiedDirectory)
        {
            if (TryPrepareV2(unifiedDirectory, options.CgroupName, problems) is { } v2)
            {
                hierarchies.Add(v2);
                covered.UnionWith(v2.Controllers);
            }
        }

        foreach (var mount in mounts.Where(m => m.Version == CgroupVersion.V1))
        {
            var useful = mount.Controllers.Where(c => Wanted.Contains(c) && !covered.Contains(c)).ToHashSet();
            if (useful.Count == 0
                || ProcessCgroups.V1Path(membership, mount.Controllers.First()) is not { } path
                || mount.DirectoryOf(path) is not { } nodeDirectory)
            {
                continue;
            }

            if (TryPrepare(CgroupVersion.V1, nodeDirectory, options.CgroupName, useful, problems) is { } v1)
            {
                hierarchies.Add(v1);
                covered.UnionWith(useful);
            }
        }

        return hierarchies;
    }

    private static CgroupHierarchy? TryPrepareV2(string nodeDirectory, string name, List<string> problems)
    {
        var available = (ReadOrNull(Path.Combine(nodeDirectory, "cgroup.controllers")) ?? "")
            .Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        var tasksDirectory = Path.Combine(nodeDirectory, name);
        var enabled = new HashSet<string> { "cpuacct" };
        try
        {
            Directory.CreateDirectory(tasksDirectory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add($"cgroup v2: cannot create {tasksDirectory}: {e.Message}");
            return null;
        }

        // A v2 controller reaches a child only when every ancestor's subtree_control enables it. Enabling it in the
        // node's own cgroup fails while that cgroup holds processes (the "no internal processes" rule); then the
        // controller stays with v1 or unused, and the report says so.
        foreach (var controller in V2Controllers.Where(available.Contains))
        {
            if (TryWrite(Path.Combine(nodeDirectory, "cgroup.subtree_control"), "+" + controller, out var error)
                && TryWrite(Path.Combine(tasksDirectory, "cgroup.subtree_control"), "+" + controller, out error))
            {
                enabled.Add(controller);
            }
            else
            {
                problems.Add($"cgroup v2 {controller} controller not delegable here: {error}");
            }
        }

        if (File.Exists(Path.Combine(tasksDirectory, "cgroup.kill")))
        {
            enabled.Add("kill");
        }

        // cgroup.freeze is a core file of every non-root v2 cgroup (Linux 5.2+), not a controller to enable.
        if (File.Exists(Path.Combine(tasksDirectory, "cgroup.freeze")))
        {
            enabled.Add("freezer");
        }

        return TryPrepare(CgroupVersion.V2, nodeDirectory, name, enabled, problems);
    }

    // Makes the tasks directory and checks a child can be made and removed in it (a read-only cgroupfs fails here).
    private static CgroupHierarchy? TryPrepare(CgroupVersion version, string nodeDirectory, string name, HashSet<string> controllers, List<string> problems)
    {
        var tasksDirectory = Path.Combine(nodeDirectory, name);
        var probe = Path.Combine(tasksDirectory, $"probe-{Environment.ProcessId}");
        try
        {
            Directory.CreateDirectory(tasksDirectory);
            Directory.CreateDirectory(probe);
            Directory.Delete(probe);
            return new CgroupHierarchy(version, tasksDirectory, controllers);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add($"cgroup {(version == CgroupVersion.V2 ? "v2" : "v1")} [{string.Join(',', controllers)}]: cannot create cgroups under {nodeDirectory}: {e.Message}");
            return null;
        }
    }

    internal static bool TryWrite(string path, string value, out string? error)
    {
        try
        {
            File.WriteAllText(path, value);
            error = null;
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = e.Message;
            return false;
        }
    }

    internal static string? ReadOrNull(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
