namespace Mesh.Core.Execution;

/// <summary>What isolation this node actually enforces on tasks, found by probing the machine at start.</summary>
public sealed record IsolationReport
{
    /// <summary>Each mechanism in force, in words (for <c>mesh node</c>), e.g. "cgroup v2 memory.max and cpu.max".</summary>
    public required IReadOnlyList<string> Enforced { get; init; }

    /// <summary>Each mechanism this node would use but cannot here, with the reason.</summary>
    public required IReadOnlyList<string> Missing { get; init; }

    /// <summary>The user tasks run as (name and uid), or null when they run as the node's own user.</summary>
    public string? RunAsUser { get; init; }

    /// <summary>
    /// False when tasks cannot run at all: the node runs as root and no unprivileged user can be switched to
    /// (tasks then fail to start rather than run as root).
    /// </summary>
    public bool CanRunTasks { get; init; } = true;

    /// <summary>
    /// How a guest attempt is suspended when the machine's owner needs it back, in words: the cgroup freezer
    /// (v2 <c>cgroup.freeze</c> or the v1 freezer), or SIGSTOP/SIGCONT to its process group as the fallback.
    /// </summary>
    public string SuspendBy { get; init; } = "SIGSTOP/SIGCONT to the process group";

    /// <summary>True when a running attempt's CPU quota can be lowered for the owner (a cpu cgroup controller is usable).</summary>
    public bool CanThrottle { get; init; }
}
