namespace Mesh.Core.Execution;

/// <summary>
/// One cgroup hierarchy the executor may create task cgroups in: the directory made for tasks under the node's own
/// cgroup (<see cref="LocalExecutorOptions.CgroupName"/>), and the controllers that work there.
/// </summary>
/// <param name="Version">v1 (one controller set per mount) or v2 (unified).</param>
/// <param name="TasksDirectory">The node's task cgroup, parent of one cgroup per attempt.</param>
/// <param name="Controllers">The controllers usable in the attempts' cgroups (memory, cpu, pids, cpuacct, kill, freezer: v1 freezer.state or v2 cgroup.freeze).</param>
internal sealed record CgroupHierarchy(CgroupVersion Version, string TasksDirectory, IReadOnlySet<string> Controllers)
{
    public bool Has(string controller) => Controllers.Contains(controller);

    public override string ToString() => $"cgroup {(Version == CgroupVersion.V2 ? "v2" : "v1")} {TasksDirectory} [{string.Join(',', Controllers.Order(StringComparer.Ordinal))}]";
}
