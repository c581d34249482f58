using System.Diagnostics;
using Microsoft.Extensions.Logging;

using OutputStreamKind = Mesh.Core.Tasks.OutputStreamKind;

namespace Mesh.Core.Execution;

/// <summary>
/// Runs one task's process on this machine: a private working directory, a clean environment, its own session and
/// process group, cgroup or rlimit limits, an unprivileged user and the bubblewrap sandbox where available
/// (docs/isolation.md). What is in force is probed once, here, and published as <see cref="Isolation"/>.
/// </summary>
public sealed partial class LocalExecutor : ILocalExecutor
{
    private readonly LocalExecutorOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly IsolationCapabilities _capabilities;

    /// <summary>Validates the options, prepares the work root and probes the machine.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public LocalExecutor(LocalExecutorOptions options, TimeProvider timeProvider, ILogger<LocalExecutor> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
        (_capabilities, Isolation) = IsolationProbe.Probe(options);
        Directory.CreateDirectory(options.WorkRoot);
        if (_capabilities.RunAs is not null && !OperatingSystem.IsWindows())
        {
            // The task's user must pass through (not list) the root to reach its own directory.
            File.SetUnixFileMode(options.WorkRoot, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }

        LogIsolation(_logger, string.Join("; ", Isolation.Enforced), Isolation.Missing.Count == 0 ? "nothing" : string.Join("; ", Isolation.Missing));
    }

    /// <inheritdoc />
    public IsolationReport Isolation { get; }

    /// <inheritdoc />
    public async Task<ExecutionResult> ExecuteAsync(ExecutionRequest request, CancellationToken cancellationToken = default)
    {
        ValidateRequest(request);
        var attemptStart = _timeProvider.GetUtcNow();
        if (!_capabilities.CanRun)
        {
            return FailedToStart(request, attemptStart, null, "this node runs as root and has no unprivileged user to run tasks as (see mesh node)");
        }

        string workingDirectory;
        try
        {
            workingDirectory = CreateWorkingDirectory(request);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return FailedToStart(request, attemptStart, null, $"cannot create the working directory: {e.Message}");
        }

        try
        {
            StageInputs(request, workingDirectory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return FailedToStart(request, attemptStart, workingDirectory, $"cannot stage the input files: {e.Message}");
        }

        var environment = BuildEnvironment(request, workingDirectory);
        if (FindProgram(request.Argv[0], environment["PATH"], workingDirectory) is { } notFound)
        {
            return FailedToStart(request, attemptStart, workingDirectory, notFound);
        }

        var problems = new List<string>();
        var cgroup = _capabilities.Cgroups.Count == 0
            ? null
            : TaskCgroup.Create(_capabilities.Cgroups, $"{request.TaskId}.{request.AttemptId}.{Guid.NewGuid():N}"[..^24], request.Limits, problems);
        foreach (var problem in problems)
        {
            LogLimitProblem(_logger, request.TaskId, request.AttemptId, problem);
        }

        try
        {
            return await RunAsync(request, workingDirectory, environment, cgroup, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (cgroup is not null)
            {
                cgroup.KillAll();
                await cgroup.RemoveAsync(_timeProvider).ConfigureAwait(false);
            }
        }
    }

    private async Task<ExecutionResult> RunAsync(
        ExecutionRequest request, string workingDirectory, Dictionary<string, string> environment, TaskCgroup? cgroup, CancellationToken cancellationToken)
    {
        var args = LaunchCommand.Build(_capabilities, request, environment, workingDirectory, cgroup?.ProcsFiles ?? [], _capabilities.Bubblewrap is not null, _options.NiceLevel);
        using var process = new Process { StartInfo = StartInfo(args, workingDirectory) };
        var attemptStart = _timeProvider.GetUtcNow();
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return FailedToStart(request, attemptStart, workingDirectory, e.Message);
        }

        var startedAt = _timeProvider.GetUtcNow();
        LogStarted(_logger, request.TaskId, request.AttemptId, process.Id);
        process.StandardInput.Close();

        using var sinkFailed = new CancellationTokenSource();
        using var drain = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _timeProvider);
        var written = new long[2];
        var pumps = Task.WhenAll(
            PumpAsync(process.StandardOutput.BaseStream, OutputStreamKind.Stdout, request, written, sinkFailed, drain.Token, cancellationToken),
            PumpAsync(process.StandardError.BaseStream, OutputStreamKind.Stderr, request, written, sinkFailed, drain.Token, cancellationToken));

        var running = BeginAttempt(request, process.Id, cgroup);
        ExecutionOutcome? killedFor;
        try
        {
            killedFor = await WaitOrKillAsync(process, request, cgroup, running, sinkFailed.Token, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Thawed before the leftovers are killed: a frozen leftover would not die.
            EndAttempt(request, running);
        }

        // The task is its main process: whatever it left running (same group or same cgroup) ends with it.
        KillLeftovers(process.Id, cgroup);
        drain.CancelAfter(_options.OutputDrainTimeout);
        try
        {
            await pumps.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (drain.IsCancellationRequested)
        {
            LogDrainTimedOut(_logger, request.TaskId, request.AttemptId);
        }

        var exitCode = process.ExitCode;
        var outcome = killedFor ?? (cgroup?.OomKilled() == true ? ExecutionOutcome.MemoryLimit : ExecutionOutcome.Exited);
        LogEnded(_logger, request.TaskId, request.AttemptId, outcome, exitCode);
        return new ExecutionResult
        {
            Outcome = outcome,
            ExitCode = exitCode,
            Signal = exitCode is > 128 and <= 128 + 64 ? exitCode - 128 : null,
            StartedAt = startedAt,
            FinishedAt = _timeProvider.GetUtcNow(),
            Usage = cgroup?.ReadUsage() ?? ExecutionUsage.Unknown,
            WorkingDirectory = workingDirectory,
            StdoutBytes = written[0],
            StderrBytes = written[1],
        };
    }

    private ExecutionResult FailedToStart(ExecutionRequest request, DateTimeOffset at, string? workingDirectory, string reason)
    {
        LogFailedToStart(_logger, request.TaskId, request.AttemptId, reason);
        return new ExecutionResult
        {
            Outcome = ExecutionOutcome.FailedToStart,
            FailureReason = reason,
            StartedAt = at,
            FinishedAt = _timeProvider.GetUtcNow(),
            WorkingDirectory = workingDirectory,
        };
    }

    // The launchers get a fixed environment of their own; the task's variables come through env, the last launcher.
    private static ProcessStartInfo StartInfo(List<string> args, string workingDirectory)
    {
        var info = new ProcessStartInfo(args[0])
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var arg in args.Skip(1))
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment.Clear();
        info.Environment["PATH"] = DefaultPath;

        return info;
    }
}
