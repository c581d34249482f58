namespace Mesh.Core.Execution;

/// <summary>Settings of the local executor (docs/isolation.md).</summary>
public sealed class LocalExecutorOptions
{
    /// <summary>The folder under which each attempt gets its private working directory. Required.</summary>
    public string WorkRoot { get; set; } = "";

    /// <summary>
    /// The unprivileged user tasks run as when the node runs as root. Default <c>nobody</c>. Tasks never run as root:
    /// when this user cannot be used, they fail to start (unless <see cref="AllowRunAsRoot"/>).
    /// </summary>
    public string RunAsUser { get; set; } = "nobody";

    /// <summary>Create <see cref="RunAsUser"/> (a system user without a home or login shell) when it does not exist. Default false.</summary>
    public bool CreateRunAsUser { get; set; }

    /// <summary>Let tasks run as root when no unprivileged user can be used (tests and throwaway machines only). Default false.</summary>
    public bool AllowRunAsRoot { get; set; }

    /// <summary>Use cgroups for limits, accounting and killing when the node may create them. Default true.</summary>
    public bool UseCgroups { get; set; } = true;

    /// <summary>The name of the cgroup made under the node's own cgroup to hold the tasks' cgroups. Default <c>mesh-tasks</c>.</summary>
    public string CgroupName { get; set; } = "mesh-tasks";

    /// <summary>Run tasks inside bubblewrap when <c>bwrap</c> is installed. Default true.</summary>
    public bool UseBubblewrap { get; set; } = true;

    /// <summary>The scheduling niceness of tasks (0 leaves it as the node's, 1-19 lowers the priority). Default 10.</summary>
    public int NiceLevel { get; set; } = 10;

    /// <summary>How long a task has after SIGTERM (on cancel or timeout) before SIGKILL. Default 2 s.</summary>
    public TimeSpan KillGracePeriod { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long to wait for the output pipes to close after the task's process tree is gone (a process that escaped
    /// the tree may hold them). Default 2 s.
    /// </summary>
    public TimeSpan OutputDrainTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The largest output chunk handed to the sink. Default 64 KiB.</summary>
    public int OutputChunkBytes { get; set; } = 64 * 1024;

    /// <summary>Where the cgroup file systems are mounted. Default <c>/sys/fs/cgroup</c> (read from mountinfo; this is a fallback).</summary>
    public string CgroupMountRoot { get; set; } = "/sys/fs/cgroup";

    /// <summary>The proc file system. Default <c>/proc</c>.</summary>
    public string ProcRoot { get; set; } = "/proc";

    /// <summary>Throws if a setting is out of range; the message names it.</summary>
    /// <exception cref="ArgumentException">A required path or name is empty or malformed.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A time or size is out of range.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(WorkRoot) || !Path.IsPathFullyQualified(WorkRoot))
        {
            throw new ArgumentException($"{nameof(LocalExecutorOptions)}.{nameof(WorkRoot)} must be an absolute path.", nameof(WorkRoot));
        }

        if (string.IsNullOrWhiteSpace(RunAsUser) || RunAsUser.Contains(':', StringComparison.Ordinal) || RunAsUser.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException($"{nameof(LocalExecutorOptions)}.{nameof(RunAsUser)} must be a user name.", nameof(RunAsUser));
        }

        if (!ExecutionIds.IsValid(CgroupName))
        {
            throw new ArgumentException($"{nameof(LocalExecutorOptions)}.{nameof(CgroupName)} must be letters, digits, '.', '_' or '-'.", nameof(CgroupName));
        }

        if (NiceLevel is < 0 or > 19)
        {
            throw new ArgumentOutOfRangeException(nameof(NiceLevel), NiceLevel, $"{nameof(LocalExecutorOptions)}.{nameof(NiceLevel)} must be 0 to 19.");
        }

        if (KillGracePeriod < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(KillGracePeriod), KillGracePeriod, $"{nameof(LocalExecutorOptions)}.{nameof(KillGracePeriod)} must not be negative.");
        }

        if (OutputDrainTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(OutputDrainTimeout), OutputDrainTimeout, $"{nameof(LocalExecutorOptions)}.{nameof(OutputDrainTimeout)} must be positive.");
        }

        if (OutputChunkBytes is < 512 or > 16 * 1024 * 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(OutputChunkBytes), OutputChunkBytes, $"{nameof(LocalExecutorOptions)}.{nameof(OutputChunkBytes)} must be 512 B to 16 MiB.");
        }

        if (string.IsNullOrWhiteSpace(CgroupMountRoot) || string.IsNullOrWhiteSpace(ProcRoot))
        {
            throw new ArgumentException($"{nameof(LocalExecutorOptions)}.{nameof(CgroupMountRoot)} and {nameof(ProcRoot)} must not be empty.", nameof(CgroupMountRoot));
        }
    }
}
