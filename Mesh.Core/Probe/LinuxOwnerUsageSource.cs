using System.Runtime.Versioning;
using Mesh.Core.Resources;

namespace Mesh.Core.Probe;

/// <summary>
/// The owner's usage on Linux: <c>/proc/stat</c> deltas and <c>MemTotal - MemAvailable</c>, minus the mesh node's
/// process tree (utime+stime deltas and RSS). The tree is walked down from the node through
/// <c>/proc/PID/task/TID/children</c>, which costs a few file reads; kernels without that file get a scan of every
/// <c>/proc/PID/stat</c>, which costs a read per process on the machine every probe interval.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class LinuxOwnerUsageSource : IOwnerUsageSource
{
    private readonly HostProbeOptions _options;
    private readonly OwnerUsageMeter _meter;
    private readonly Lock _gate = new();

    /// <summary>Creates the source for the process tree of <see cref="HostProbeOptions.MeshProcessId"/>.</summary>
    public LinuxOwnerUsageSource(HostProbeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _meter = new OwnerUsageMeter(options.MeshProcessId, Environment.SystemPageSize);
    }

    /// <inheritdoc />
    public ValueTask<ResourceVector> ReadOwnerUsageAsync(CancellationToken cancellationToken = default)
    {
        var sample = ReadSample();
        lock (_gate)
        {
            return ValueTask.FromResult(_meter.Next(sample));
        }
    }

    /// <summary>Reads one sample from the proc filesystem.</summary>
    /// <exception cref="IOException">/proc/stat or /proc/meminfo cannot be read or parsed.</exception>
    public UsageSample ReadSample()
    {
        var statPath = Path.Combine(_options.ProcRoot, "stat");
        var memPath = Path.Combine(_options.ProcRoot, "meminfo");
        if (!ProcParsers.TryParseCpuTimes(File.ReadAllText(statPath), out var cpu))
        {
            throw new IOException($"cannot parse {statPath}");
        }

        if (!ProcParsers.TryParseMemInfo(File.ReadAllText(memPath), out var memory))
        {
            throw new IOException($"cannot parse {memPath}");
        }

        return new UsageSample(cpu, memory, ReadProcesses());
    }

    private List<ProcessStat> ReadProcesses() =>
        Directory.Exists(Path.Combine(_options.ProcRoot, _options.MeshProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), "task"))
        && File.Exists(ChildrenPath(_options.MeshProcessId, _options.MeshProcessId))
            ? ReadMeshTree()
            : ReadAllProcesses();

    private string ChildrenPath(int pid, int tid) =>
        Path.Combine(_options.ProcRoot, pid.ToString(System.Globalization.CultureInfo.InvariantCulture), "task", tid.ToString(System.Globalization.CultureInfo.InvariantCulture), "children");

    private List<ProcessStat> ReadMeshTree()
    {
        var processes = new List<ProcessStat>();
        var seen = new HashSet<int>();
        var pending = new Stack<int>();
        pending.Push(_options.MeshProcessId);
        while (pending.TryPop(out var pid))
        {
            if (!seen.Add(pid) || !TryReadStat(Path.Combine(_options.ProcRoot, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)), out var stat))
            {
                continue;
            }

            processes.Add(stat);
            try
            {
                foreach (var task in Directory.EnumerateDirectories(Path.Combine(_options.ProcRoot, pid.ToString(System.Globalization.CultureInfo.InvariantCulture), "task")))
                {
                    if (!int.TryParse(Path.GetFileName(task), out var tid))
                    {
                        continue;
                    }

                    foreach (var child in File.ReadAllText(ChildrenPath(pid, tid)).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    {
                        if (int.TryParse(child, out var childPid))
                        {
                            pending.Push(childPid);
                        }
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The process or thread exited while it was read: its children are reparented and not ours now.
            }
        }

        return processes;
    }

    private static bool TryReadStat(string directory, out ProcessStat stat)
    {
        try
        {
            return ProcParsers.TryParseProcessStat(File.ReadAllText(Path.Combine(directory, "stat")), out stat);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The process exited between listing and reading: it simply is not in this sample.
            stat = default!;
            return false;
        }
    }

    private List<ProcessStat> ReadAllProcesses()
    {
        var processes = new List<ProcessStat>();
        foreach (var directory in Directory.EnumerateDirectories(_options.ProcRoot))
        {
            var name = Path.GetFileName(directory);
            if (name.Length > 0 && name.All(char.IsAsciiDigit) && TryReadStat(directory, out var stat))
            {
                processes.Add(stat);
            }
        }

        return processes;
    }
}
