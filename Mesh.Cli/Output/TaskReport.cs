using System.Globalization;
using Mesh.Cli.Tasks;
using Mesh.Core.Control;

namespace Mesh.Cli.Output;

/// <summary>The human form of <c>mesh status TASK</c>: one labelled line per field of the status.</summary>
public static class TaskReport
{
    private const int LabelWidth = 12;

    /// <summary>Writes the report for <paramref name="task"/>; <paramref name="now"/> dates its times.</summary>
    public static void Write(TextWriter output, TaskStatusView task, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(task);
        Line(output, "id", task.Id);
        Line(output, "state", task.State);
        Line(output, "exit code", TaskExit.Text(task.ExitCode));
        Line(output, "origin", task.Origin);
        Line(output, "executor", task.Executor ?? "-");
        Line(output, "attempts", task.Attempts.ToString(CultureInfo.InvariantCulture));
        Line(output, "submitted", Time(task.SubmittedAt, now));
        Line(output, "started", task.StartedAt is { } started ? Time(started, now) : "-");
        Line(output, "finished", task.FinishedAt is { } finished ? Time(finished, now) : "-");
        Line(output, "duration", TasksTable.Duration(task, now));
    }

    private static string Time(DateTimeOffset time, DateTimeOffset now) =>
        $"{time.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture)} ({Units.Ago(time, now)})";

    private static void Line(TextWriter output, string label, string value) => output.WriteLine($"{label.PadRight(LabelWidth)}{value}");
}
