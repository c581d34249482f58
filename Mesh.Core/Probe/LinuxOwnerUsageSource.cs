using System.Runtime.Versioning;
using Mesh.Core.Resources;

namespace Mesh.Core.Probe;

/// <summary>
/// The owner's usage on Linux: <c>/proc/stat</c> deltas and <c>MemTotal - MemAvailable</c>, minus the mesh node's
/// process tree (walked through <c>/proc/PID/stat</c> parent ids, utime+stime deltas and RSS).
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

    private List<ProcessStat> ReadProcesses()
    {
        var processes = new List<ProcessStat>();
        foreach (var directory in Directory.EnumerateDirectories(_options.ProcRoot))
        {
            var name = Path.GetFileName(directory);
            if (name.Length == 0 || !name.All(char.IsAsciiDigit))
            {
                continue;
            }

            try
            {
                if (ProcParsers.TryParseProcessStat(File.ReadAllText(Path.Combine(directory, "stat")), out var stat))
                {
                    processes.Add(stat);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The process exited between listing and reading: it simply is not in this sample.
            }
        }

        return processes;
    }
}
