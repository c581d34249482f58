using System.Globalization;
using Mesh.Core.Control;

namespace Mesh.Cli.Tasks;

/// <summary>How <c>mesh run</c> ends for a final task: the task's own exit code, or 1 with a line saying why there is none.</summary>
public static class TaskExit
{
    /// <summary>The highest signal number a shell reports as 128 + N.</summary>
    private const int MaxSignal = 64;

    /// <summary>The exit code for <paramref name="status"/>, and a one-line message (without <c>mesh: </c>) when one is due.</summary>
    public static (int ExitCode, string? Message) For(TaskStatusView status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var id = status.Id;
        return status.State switch
        {
            "succeeded" => (0, null),
            "failed" when status.ExitCode is int code and > 128 and <= 128 + MaxSignal =>
                (code, $"task {id} was killed by signal {(code - 128).ToString(CultureInfo.InvariantCulture)}"),
            "failed" when status.ExitCode is int code and > 0 and <= 255 => (code, null),
            "failed" when status.ExitCode is int code => (1, $"task {id} failed with exit code {code.ToString(CultureInfo.InvariantCulture)}"),
            "failed" when status.Error is { Length: > 0 } error => (1, $"task {id} failed: {error}"),
            "failed" => (1, $"task {id} failed without an exit code: it could not start, timed out or hit a limit"),
            "cancelled" => (1, $"task {id} was cancelled"),
            "lost" when status.Error is { Length: > 0 } error => (1, $"task {id} was lost: {error}"),
            "lost" => (1, $"task {id} was lost: its executors vanished more often than its retries allow"),
            _ => (1, $"task {id} is still {status.State}"),
        };
    }

    /// <summary>The exit code as <c>mesh wait</c> prints it: the number, or <c>-</c> when there is none.</summary>
    public static string Text(int? exitCode) => exitCode?.ToString(CultureInfo.InvariantCulture) ?? "-";
}
