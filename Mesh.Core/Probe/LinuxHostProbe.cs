using System.Diagnostics;
using System.Runtime.Versioning;
using Mesh.Core.Resources;
using Microsoft.Extensions.Logging;

namespace Mesh.Core.Probe;

/// <summary>
/// Linux capacity: CPU cores from the affinity mask or the cgroup CPU quota when stricter, memory from
/// <c>/proc/meminfo</c> or the cgroup memory limit when stricter, the data dir's filesystem, and NVIDIA GPUs through nvidia-smi.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed partial class LinuxHostProbe : IHostProbe
{
    private readonly HostProbeOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates the probe.</summary>
    public LinuxHostProbe(HostProbeOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();
        _options = options;
        _logger = logger;
    }

    /// <inheritdoc />
    public async Task<HostCapacity> ReadCapacityAsync(CancellationToken cancellationToken = default)
    {
        var cgroups = new CgroupLimits(_options.ProcRoot, _options.CgroupRoot);
        var cpu = ReadCpuCores(cgroups);
        var memory = ReadMemory(cgroups);
        var disk = DiskCapacity.TotalBytes(_options.DataDir);
        var gpus = await ReadGpusAsync(cancellationToken).ConfigureAwait(false);
        return new HostCapacity(new ResourceVector(cpu, memory, disk, gpus.Count), gpus);
    }

    private double ReadCpuCores(CgroupLimits cgroups)
    {
        double cores = ProcParsers.TryParseAllowedCpus(ReadOrNull(Path.Combine(_options.ProcRoot, "self", "status")), out var allowed)
            ? allowed
            : Environment.ProcessorCount;
        return cgroups.CpuQuotaCores() is { } quota && quota < cores ? quota : cores;
    }

    private long ReadMemory(CgroupLimits cgroups)
    {
        if (!ProcParsers.TryParseMemInfo(ReadOrNull(Path.Combine(_options.ProcRoot, "meminfo")), out var info))
        {
            throw new IOException($"cannot read MemTotal from {Path.Combine(_options.ProcRoot, "meminfo")}");
        }

        return cgroups.MemoryLimitBytes() is { } limit && limit < info.Total ? limit : info.Total;
    }

    private async Task<IReadOnlyList<GpuDevice>> ReadGpusAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(_options.NvidiaSmiPath) || FindProgram(_options.NvidiaSmiPath) is not { } program)
        {
            return [];
        }

        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in NvidiaSmiParser.Arguments.Split(' '))
        {
            start.ArgumentList.Add(argument);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.NvidiaSmiTimeout);
        Process? process = null;
        try
        {
            process = Process.Start(start);
            if (process is null)
            {
                return [];
            }

            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            var output = await stdout.ConfigureAwait(false);
            await stderr.ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                LogNvidiaSmiFailed(_logger, program, $"exit code {process.ExitCode}");
                return [];
            }

            return NvidiaSmiParser.Parse(output);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogNvidiaSmiFailed(_logger, program, $"no answer within {_options.NvidiaSmiTimeout.TotalSeconds:0.#} s");
            return [];
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or IOException or InvalidOperationException)
        {
            LogNvidiaSmiFailed(_logger, program, ex.Message);
            return [];
        }
        finally
        {
            if (process is not null)
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }

                process.Dispose();
            }
        }
    }

    private static string? FindProgram(string name)
    {
        if (name.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(name) ? name : null;
        }

        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static string? ReadOrNull(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    [LoggerMessage(EventId = 1100, Level = LogLevel.Warning, Message = "GPU query with {Program} failed ({Reason}); reporting no GPUs")]
    private static partial void LogNvidiaSmiFailed(ILogger logger, string program, string reason);
}
