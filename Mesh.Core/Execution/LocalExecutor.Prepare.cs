namespace Mesh.Core.Execution;

public sealed partial class LocalExecutor
{
    private const string DefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private static void ValidateRequest(ExecutionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!ExecutionIds.IsValid(request.TaskId) || !ExecutionIds.IsValid(request.AttemptId))
        {
            throw new ArgumentException("Task and attempt ids must be 1-100 letters, digits, '.', '_' or '-'.", nameof(request));
        }

        if (request.Argv is not { Count: > 0 } || string.IsNullOrEmpty(request.Argv[0]) || request.Argv.Any(a => a is null || a.Contains('\0', StringComparison.Ordinal)))
        {
            throw new ArgumentException("Argv must have a program and no NUL characters.", nameof(request));
        }

        foreach (var (name, value) in request.Environment)
        {
            if (string.IsNullOrEmpty(name) || name.Contains('=', StringComparison.Ordinal) || name.Contains('\0', StringComparison.Ordinal) || value.Contains('\0', StringComparison.Ordinal))
            {
                throw new ArgumentException($"Environment variable '{name}' has an empty name, '=' in its name, or a NUL character.", nameof(request));
            }
        }

        if (request.Timeout is { } timeout && timeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("Timeout must be positive.", nameof(request));
        }

        if (request.Limits is { CpuCores: <= 0 } or { MemoryBytes: <= 0 } or { MaxProcesses: <= 0 })
        {
            throw new ArgumentException("Limits must be positive.", nameof(request));
        }
    }

    // WorkRoot/TASK/ATTEMPT, 0700, owned by the task's user. An attempt never reuses a directory.
    private string CreateWorkingDirectory(ExecutionRequest request)
    {
        var taskDirectory = Path.Combine(_options.WorkRoot, request.TaskId);
        var directory = Path.Combine(taskDirectory, request.AttemptId);
        if (Directory.Exists(directory))
        {
            throw new IOException($"{directory} already exists (attempt ids must be new)");
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
            return directory;
        }

        Directory.CreateDirectory(taskDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        if (_capabilities.RunAs is { } user && LibC.Chown(directory, user.Uid, user.Gid) != 0)
        {
            throw new IOException($"cannot give {directory} to {user}: errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}");
        }

        return directory;
    }

    // Nothing inherited from the node: a few defaults, then the request's own variables, which win.
    private Dictionary<string, string> BuildEnvironment(ExecutionRequest request, string workingDirectory)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = DefaultPath,
            ["HOME"] = workingDirectory,
            ["LANG"] = "C.UTF-8",
            ["TMPDIR"] = _capabilities.Bubblewrap is null ? workingDirectory : "/tmp",
        };
        foreach (var (name, value) in request.Environment)
        {
            environment[name] = value;
        }

        return environment;
    }

    // The chain execs the program at its very end, where a missing one shows only as exit 127; find it first so
    // the result says "failed to start" and why. Null when found.
    private static string? FindProgram(string program, string path, string workingDirectory)
    {
        if (program.Contains('=', StringComparison.Ordinal))
        {
            // env, the last launcher, would take it for one more NAME=VALUE.
            return $"the program name must not contain '=': {program}";
        }

        if (program.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(Path.Combine(workingDirectory, program)) ? null : $"program not found: {program}";
        }

        foreach (var directory in path.Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            if (Path.IsPathFullyQualified(directory) && File.Exists(Path.Combine(directory, program)))
            {
                return null;
            }
        }

        return $"program not found on PATH ({path}): {program}";
    }
}
