using System.Globalization;

namespace Mesh.Core.Execution;

/// <summary>
/// Builds the chain of small programs a task is launched through, each exec-ing the next, so the task's own process
/// ends up with the pid the node started: setsid (own session and process group) -> sh joining the cgroups (before
/// the task can fork) -> prlimit (rlimits not covered by cgroups) -> nice -> bwrap -> setpriv (drop root) -> env (the
/// task's variables) -> argv.
/// </summary>
internal static class LaunchCommand
{
    // $1.. are cgroup.procs files up to "--"; writing $$ moves this shell (and so everything it execs) in.
    private const string JoinCgroupsScript = "while [ \"$1\" != -- ]; do echo $$ > \"$1\" || exit 125; shift; done; shift; exec \"$@\"";

    public static List<string> Build(
        IsolationCapabilities capabilities,
        ExecutionRequest request,
        IReadOnlyDictionary<string, string> environment,
        string workingDirectory,
        IEnumerable<string> cgroupProcsFiles,
        bool bubblewrap,
        int niceLevel)
    {
        var args = new List<string>();
        if (capabilities.Setsid is { } setsid)
        {
            args.Add(setsid);
        }

        var procs = cgroupProcsFiles.ToList();
        if (procs.Count > 0)
        {
            args.AddRange([capabilities.Shell, "-c", JoinCgroupsScript, "mesh-cgroup-join", .. procs, "--"]);
        }

        var rlimits = RlimitArguments(capabilities, request);
        if (rlimits.Count > 0 && capabilities.Prlimit is { } prlimit)
        {
            args.Add(prlimit);
            args.AddRange(rlimits);
            args.Add("--");
        }

        if (niceLevel > 0 && capabilities.Nice is { } nice)
        {
            args.AddRange([nice, "-n", niceLevel.ToString(CultureInfo.InvariantCulture)]);
        }

        if (bubblewrap && capabilities.Bubblewrap is { } bwrap)
        {
            args.Add(bwrap);
            args.AddRange(BubblewrapArguments(workingDirectory, request.AllowNetwork, runsAsRoot: capabilities.RunAs is not null));
            args.Add("--");
        }

        if (capabilities.RunAs is { } user && capabilities.UserSwitch is { } userSwitch)
        {
            args.AddRange(UserSwitchArguments(userSwitch, user));
        }

        // The task's variables (chosen by its origin, maybe a remote peer) are set only here, after the user switch and
        // inside the sandbox: every launcher above runs as the node's user, often root, outside the sandbox, and a
        // variable such as LD_PRELOAD would run the task's code in it. "-i" drops the launchers' own environment;
        // "--" ends env's options, so a name that starts with '-' is still a NAME=VALUE.
        args.AddRange([capabilities.Env, "-i", "--"]);
        args.AddRange(environment.Select(variable => $"{variable.Key}={variable.Value}"));
        args.AddRange(request.Argv);
        return args;
    }

    /// <summary>The rlimits for the limits no cgroup enforces here, plus RLIMIT_CPU as a backstop for the timeout.</summary>
    public static List<string> RlimitArguments(IsolationCapabilities capabilities, ExecutionRequest request)
    {
        var args = new List<string>();
        if (request.Limits.MemoryBytes is { } memory && !capabilities.CgroupHas("memory"))
        {
            args.Add($"--as={memory.ToString(CultureInfo.InvariantCulture)}");
        }

        if (request.Limits.MaxProcesses is { } processes && !capabilities.CgroupHas("pids"))
        {
            args.Add($"--nproc={processes.ToString(CultureInfo.InvariantCulture)}");
        }

        if (request.Timeout is { } timeout)
        {
            // CPU seconds of one process can reach the wall time times the cores it may use; a second more so the
            // timer, not this, ends a task that runs exactly to its timeout.
            var cores = request.Limits.CpuCores ?? Environment.ProcessorCount;
            var seconds = (long)Math.Ceiling(timeout.TotalSeconds * Math.Max(1, cores)) + 1;
            args.Add($"--cpu={seconds.ToString(CultureInfo.InvariantCulture)}");
        }

        return args;
    }

    private static List<string> BubblewrapArguments(string workingDirectory, bool allowNetwork, bool runsAsRoot)
    {
        var args = new List<string> { "--ro-bind", "/usr", "/usr" };
        foreach (var top in new[] { "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32" })
        {
            var info = new FileInfo(top);
            if (info.LinkTarget is { } target)
            {
                // Merged-/usr systems: /bin -> usr/bin. Recreate the link rather than bind its target twice.
                args.AddRange(["--symlink", target, top]);
            }
            else if (Directory.Exists(top))
            {
                args.AddRange(["--ro-bind", top, top]);
            }
        }

        args.AddRange(["--ro-bind", "/etc", "/etc", "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"]);
        args.AddRange(["--bind", workingDirectory, workingDirectory, "--chdir", workingDirectory]);

        // Not --unshare-all: it includes a user namespace, in which root could no longer switch to the task's user.
        args.AddRange(["--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try"]);
        if (!allowNetwork)
        {
            args.Add("--unshare-net");
        }

        if (!runsAsRoot)
        {
            args.Add("--unshare-user-try");
        }

        args.AddRange(["--die-with-parent", "--new-session"]);
        return args;
    }

    private static IEnumerable<string> UserSwitchArguments(string userSwitch, UnixUser user)
    {
        if (Path.GetFileName(userSwitch) == "setpriv")
        {
            // --no-new-privs: a setuid program inside cannot take root back.
            return [userSwitch, $"--reuid={user.Uid}", $"--regid={user.Gid}", "--init-groups", "--no-new-privs", "--"];
        }

        return [userSwitch, "-u", user.Name, "--"];
    }
}
