using Mesh.Cli.Tasks;
using Mesh.Core.Control;

namespace Mesh.Cli.Output;

/// <summary>The human form of <c>mesh tasks</c>: one row per task, oldest first, within 80 columns.</summary>
public static class TasksTable
{
    private static readonly TextTable Table = new(
    [
        new("ID", 26),
        new("STATE", 9),
        new("EXIT", 4, RightAligned: true),
        new("EXECUTOR", PeersTable.ShortIdLength),
        new("SUBMITTED", 9, RightAligned: true),
        new("DURATION", 8, RightAligned: true),
    ]);

    /// <summary>The width of every line.</summary>
    public static int Width => Table.Width;

    /// <summary>The header line.</summary>
    public static string Header() => Table.Header();

    /// <summary>One task's line; <paramref name="now"/> dates the "submitted" column and a running task's duration.</summary>
    public static string Row(TaskStatusView task, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(task);
        return Table.Row(
            task.Id,
            task.State,
            TaskExit.Text(task.ExitCode),
            task.Executor is null ? "-" : PeersTable.ShortId(task.Executor),
            Units.Ago(task.SubmittedAt, now),
            Duration(task, now));
    }

    /// <summary>How long the task ran (so far, when it still runs); <c>-</c> before it started.</summary>
    public static string Duration(TaskStatusView task, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.StartedAt is not { } started)
        {
            return "-";
        }

        return Units.Duration((task.FinishedAt ?? now) - started);
    }
}
