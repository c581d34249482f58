namespace Mesh.Core.Execution;

/// <summary>
/// What <see cref="LocalExecutor"/> keeps of an attempt while its process runs, so it can be suspended, resumed and
/// throttled from outside; a lock keeps those from racing with the kill at its end.
/// </summary>
internal sealed class RunningAttempt
{
    public RunningAttempt(int pid, TaskCgroup? cgroup, double? ownCpuLimit)
    {
        Pid = pid;
        Cgroup = cgroup;
        OwnCpuLimit = ownCpuLimit;
    }

    public Lock Gate { get; } = new();

    public int Pid { get; }

    public TaskCgroup? Cgroup { get; }

    /// <summary>The task's own CPU limit, which a throttle with no cores gives back.</summary>
    public double? OwnCpuLimit { get; }

    /// <summary>Suspended now, and how (true: by the freezer; false: by SIGSTOP).</summary>
    public bool? SuspendedByFreezer { get; set; }

    /// <summary>Set (under <see cref="Gate"/>) once the attempt is being killed or has exited: it is not suspended any more.</summary>
    public bool Ending { get; set; }
}
