namespace Mesh.Core.Execution;

/// <summary>Why a task's execution ended.</summary>
public enum ExecutionOutcome
{
    /// <summary>The task's process ended by itself (exit code or signal in the result).</summary>
    Exited = 1,

    /// <summary>The task ran past its timeout and was killed.</summary>
    TimedOut = 2,

    /// <summary>The caller cancelled the task and it was killed.</summary>
    Cancelled = 3,

    /// <summary>The kernel killed the task for exceeding its memory limit (cgroup <c>oom_kill</c>).</summary>
    MemoryLimit = 4,

    /// <summary>The task never ran; the result says why.</summary>
    FailedToStart = 5,
}
