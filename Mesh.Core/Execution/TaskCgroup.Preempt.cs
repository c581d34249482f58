using System.Globalization;

namespace Mesh.Core.Execution;

/// <content>Suspending and throttling the attempt for the machine's owner (docs/isolation.md "Owner first").</content>
internal sealed partial class TaskCgroup
{
    /// <summary>True when one of the cgroups can freeze the task (v2 cgroup.freeze or the v1 freezer).</summary>
    public bool CanFreeze => _groups.Any(g => g.Hierarchy.Has("freezer"));

    /// <summary>True when one of the cgroups has a cpu controller, so the CPU quota can be rewritten.</summary>
    public bool CanThrottle => _groups.Any(g => g.Hierarchy.Has("cpu"));

    /// <summary>Freezes (true) or thaws (false) every process of the task; false when no freezer file could be written.</summary>
    public bool TrySetFrozen(bool frozen)
    {
        var done = false;
        foreach (var (hierarchy, directory) in _groups.Where(g => g.Hierarchy.Has("freezer")))
        {
            done |= hierarchy.Version == CgroupVersion.V2
                ? CgroupProbe.TryWrite(Path.Combine(directory, "cgroup.freeze"), frozen ? "1" : "0", out _)
                : CgroupProbe.TryWrite(Path.Combine(directory, "freezer.state"), frozen ? "FROZEN" : "THAWED", out _);
        }

        return done;
    }

    /// <summary>Rewrites the CPU quota: <paramref name="cores"/> cores, or no quota when null. False when it could not be written.</summary>
    public bool TrySetCpuQuota(double? cores)
    {
        var done = false;
        foreach (var (hierarchy, directory) in _groups.Where(g => g.Hierarchy.Has("cpu")))
        {
            var quota = cores is { } c ? QuotaOf(c) : null;
            done |= hierarchy.Version == CgroupVersion.V2
                ? CgroupProbe.TryWrite(Path.Combine(directory, "cpu.max"), $"{quota ?? "max"} {CpuPeriodMicroseconds}", out _)
                : CgroupProbe.TryWrite(Path.Combine(directory, "cpu.cfs_quota_us"), quota ?? "-1", out _);
        }

        return done;
    }

    // The kernel refuses a quota under 1 ms per period.
    private static string QuotaOf(double cores) =>
        Math.Max(1000, (long)Math.Ceiling(cores * CpuPeriodMicroseconds)).ToString(CultureInfo.InvariantCulture);
}
