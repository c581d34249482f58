namespace Mesh.Core.Execution;

/// <summary>The cgroups a process belongs to, from <c>/proc/PID/cgroup</c>.</summary>
internal static class ProcessCgroups
{
    /// <summary>The v2 (unified) cgroup path, or null when the process is in none.</summary>
    public static string? UnifiedPath(string? text) => Lines(text).FirstOrDefault(l => l.Id == "0" && l.Controllers.Length == 0).Path;

    /// <summary>The v1 cgroup path for a controller, or null when no v1 hierarchy has it.</summary>
    public static string? V1Path(string? text, string controller) =>
        Lines(text).FirstOrDefault(l => l.Controllers.Split(',').Contains(controller)).Path;

    private static IEnumerable<(string Id, string Controllers, string Path)> Lines(string? text)
    {
        foreach (var line in (text ?? "").Split('\n'))
        {
            var first = line.IndexOf(':', StringComparison.Ordinal);
            var second = first < 0 ? -1 : line.IndexOf(':', first + 1);
            if (second > 0)
            {
                yield return (line[..first], line[(first + 1)..second], line[(second + 1)..].Trim());
            }
        }
    }
}
