using System.Diagnostics;

namespace Mesh.Core.Execution;

/// <summary>Finds, once at start, what isolation this machine allows, and says it in an <see cref="IsolationReport"/>.</summary>
internal static class IsolationProbe
{
    private static readonly string[] ProgramDirectories = ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"];

    public static (IsolationCapabilities Capabilities, IsolationReport Report) Probe(LocalExecutorOptions options)
    {
        var enforced = new List<string> { "clean environment (PATH, HOME, LANG, TMPDIR and the task's own variables only)", "private working directory per attempt (0700)" };
        var missing = new List<string>();
        var capabilities = new IsolationCapabilities
        {
            Shell = Find("sh") ?? "/bin/sh",
            Env = Find("env") ?? "/usr/bin/env",
            Setsid = Find("setsid"),
            Prlimit = Find("prlimit"),
            Nice = options.NiceLevel > 0 ? Find("nice") : null,
        };

        capabilities = ProbeUser(options, capabilities, enforced, missing);
        capabilities = capabilities with { Cgroups = options.UseCgroups ? CgroupProbe.Probe(options, missing) : [] };

        enforced.Add(capabilities.Setsid is null
            ? "process tree kill: the task's process only (setsid missing)"
            : $"process group kill (own session; SIGTERM, then SIGKILL after {options.KillGracePeriod.TotalSeconds:0.#} s)");
        DescribeCgroups(capabilities, enforced, missing);
        DescribeRlimits(capabilities, enforced, missing);
        if (capabilities.Nice is not null)
        {
            enforced.Add($"nice {options.NiceLevel}");
        }

        capabilities = ProbeBubblewrap(options, capabilities, enforced, missing);
        var suspendBy = DescribePreemption(capabilities, enforced, missing);
        var report = new IsolationReport
        {
            SuspendBy = suspendBy,
            CanThrottle = capabilities.CgroupHas("cpu"),
            Enforced = enforced,
            Missing = missing,
            RunAsUser = capabilities.RunAs?.ToString(),
            CanRunTasks = capabilities.CanRun,
        };
        return (capabilities, report);
    }

    private static IsolationCapabilities ProbeUser(LocalExecutorOptions options, IsolationCapabilities capabilities, List<string> enforced, List<string> missing)
    {
        if (!Environment.IsPrivilegedProcess)
        {
            enforced.Add($"runs as the node's own unprivileged user ({Environment.UserName})");
            return capabilities;
        }

        var userSwitch = Find("setpriv") ?? Find("runuser");
        var user = UnixUser.Find(CgroupProbe.ReadOrNull("/etc/passwd"), options.RunAsUser);
        if (user is null && options.CreateRunAsUser && Find("useradd") is { } useradd)
        {
            RunQuietly(useradd, ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", options.RunAsUser]);
            user = UnixUser.Find(CgroupProbe.ReadOrNull("/etc/passwd"), options.RunAsUser);
        }

        if (user is { Uid: > 0 } && userSwitch is not null)
        {
            enforced.Add($"runs as user {user} via {Path.GetFileName(userSwitch)}");
            return capabilities with { RunAs = user, UserSwitch = userSwitch };
        }

        var why = userSwitch is null ? "neither setpriv nor runuser is installed" : $"user '{options.RunAsUser}' does not exist or is root";
        if (options.AllowRunAsRoot)
        {
            missing.Add($"unprivileged user: {why}; tasks run as ROOT ({nameof(LocalExecutorOptions.AllowRunAsRoot)})");
            return capabilities;
        }

        missing.Add($"unprivileged user: {why}; tasks are refused rather than run as root");
        return capabilities with { CanRun = false };
    }

    private static void DescribeCgroups(IsolationCapabilities capabilities, List<string> enforced, List<string> missing)
    {
        foreach (var hierarchy in capabilities.Cgroups)
        {
            var v2 = hierarchy.Version == CgroupVersion.V2;
            var parts = new List<string>();
            if (hierarchy.Has("memory"))
            {
                parts.Add(v2 ? "memory.max (no swap)" : "memory.limit_in_bytes (no swap)");
            }

            if (hierarchy.Has("cpu"))
            {
                parts.Add(v2 ? "cpu.max" : "cpu.cfs_quota_us");
            }

            if (hierarchy.Has("pids"))
            {
                parts.Add("pids.max");
            }

            if (hierarchy.Has("kill"))
            {
                parts.Add("cgroup.kill of the whole tree");
            }
            else if (parts.Count > 0)
            {
                parts.Add("members killed at the end");
            }

            if (hierarchy.Has("cpuacct"))
            {
                parts.Add("CPU accounting");
            }

            enforced.Add($"cgroup {(v2 ? "v2" : "v1")} {string.Join(", ", parts)} ({hierarchy.TasksDirectory})");
        }

        if (capabilities.Cgroups.Count == 0)
        {
            missing.Add("cgroups: none can be created here; limits fall back to rlimits, usage is not measured");
        }
    }

    // Owner first (docs/isolation.md): how guests are suspended and throttled when the owner needs the machine back.
    private static string DescribePreemption(IsolationCapabilities capabilities, List<string> enforced, List<string> missing)
    {
        var freezer = capabilities.Cgroups.FirstOrDefault(c => c.Has("freezer"));
        var suspendBy = freezer is not null
            ? freezer.Version == CgroupVersion.V2 ? "cgroup v2 freezer (cgroup.freeze)" : "cgroup v1 freezer (freezer.state)"
            : capabilities.Setsid is null ? "SIGSTOP/SIGCONT to the task's process (setsid missing)" : "SIGSTOP/SIGCONT to the process group";
        enforced.Add($"owner first: suspend by {suspendBy}; {(capabilities.CgroupHas("cpu") ? "throttle by the cgroup CPU quota" : "no throttling")}");
        if (!capabilities.CgroupHas("cpu"))
        {
            missing.Add("owner first: guests cannot be throttled (no cpu cgroup); they are suspended instead");
        }

        return suspendBy;
    }

    private static void DescribeRlimits(IsolationCapabilities capabilities, List<string> enforced, List<string> missing)
    {
        if (capabilities.Prlimit is null)
        {
            missing.Add("rlimits: prlimit (util-linux) is not installed");
            return;
        }

        var kinds = new List<string> { "RLIMIT_CPU (timeout backstop)" };
        if (!capabilities.CgroupHas("memory"))
        {
            kinds.Insert(0, "RLIMIT_AS (memory)");
        }

        if (!capabilities.CgroupHas("pids"))
        {
            kinds.Add("RLIMIT_NPROC (processes)");
        }

        enforced.Add($"rlimits ({string.Join(", ", kinds)})");
        if (!capabilities.CgroupHas("cpu"))
        {
            missing.Add("CPU quota: no cpu cgroup; only the nice level applies");
        }
    }

    private static IsolationCapabilities ProbeBubblewrap(LocalExecutorOptions options, IsolationCapabilities capabilities, List<string> enforced, List<string> missing)
    {
        if (!options.UseBubblewrap)
        {
            missing.Add("bubblewrap sandbox: turned off");
            return capabilities;
        }

        if (Find("bwrap") is not { } bwrap)
        {
            missing.Add("bubblewrap sandbox: bwrap is not installed (apt-get install bubblewrap)");
            return capabilities;
        }

        // Run the exact sandbox once: without root, bwrap needs unprivileged user namespaces, which may be off.
        var trial = capabilities with { Bubblewrap = bwrap, Cgroups = [], Prlimit = null, Nice = null };
        var request = new ExecutionRequest { TaskId = "probe", AttemptId = "0", Argv = ["true"] };
        var args = LaunchCommand.Build(trial, request, new Dictionary<string, string>(), "/tmp", [], bubblewrap: true, niceLevel: 0);
        if (RunQuietly(args[0], args.Skip(1)) is { } error)
        {
            missing.Add($"bubblewrap sandbox: bwrap cannot run here: {error}");
            return capabilities;
        }

        enforced.Add("bubblewrap sandbox: read-only /usr /etc, only the working dir writable, private /tmp /proc /dev, own pid namespace, no network unless the task asks");
        return capabilities with { Bubblewrap = bwrap };
    }

    // Null on success, else what went wrong.
    private static string? RunQuietly(string program, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        try
        {
            using var process = Process.Start(info)!;
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                process.Kill(entireProcessTree: true);
                return "timed out";
            }

            return process.ExitCode == 0 ? null : $"exit {process.ExitCode}: {stderr.GetAwaiter().GetResult().Trim()}";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return e.Message;
        }
    }

    internal static string? Find(string program) =>
        ProgramDirectories.Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists);
}
