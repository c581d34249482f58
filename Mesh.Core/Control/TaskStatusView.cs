using Mesh.Core.Tasks;

namespace Mesh.Core.Control;

/// <summary>
/// One task as <c>mesh status TASK --json</c> prints it and the control API returns it: exactly the fields
/// shared/DESIGN.md fixes (<c>id, state, exitCode, origin, executor, attempts, submittedAt, startedAt, finishedAt</c>).
/// </summary>
public sealed record TaskStatusView
{
    /// <summary>The task id (26 characters).</summary>
    public required string Id { get; init; }

    /// <summary><c>queued</c>, <c>running</c>, <c>succeeded</c>, <c>failed</c>, <c>cancelled</c> or <c>lost</c>.</summary>
    public required string State { get; init; }

    /// <summary>The exit code, once it exited; null before or when it did not exit.</summary>
    public int? ExitCode { get; init; }

    /// <summary>The peer id of the node where it was submitted.</summary>
    public required string Origin { get; init; }

    /// <summary>The peer id of the node running it or that ran it last; null before the first start.</summary>
    public string? Executor { get; init; }

    /// <summary>How many attempts have started.</summary>
    public int Attempts { get; init; }

    /// <summary>When it was submitted.</summary>
    public DateTimeOffset SubmittedAt { get; init; }

    /// <summary>When its current or last attempt started; null before the first.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When it reached a final state; null before.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Why it failed, was cancelled or lost (or why its last attempt was requeued), for people; null when nothing went wrong.</summary>
    public string? Error { get; init; }

    /// <summary>The view of a stored record.</summary>
    public static TaskStatusView From(TaskRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new TaskStatusView
        {
            Id = record.Id.ToString(),
            State = record.State.ToText(),
            ExitCode = record.ExitCode,
            Origin = record.Origin,
            Executor = record.Executor,
            Attempts = record.Attempts,
            SubmittedAt = record.SubmittedAt,
            StartedAt = record.StartedAt,
            FinishedAt = record.FinishedAt,
            Error = record.Error,
        };
    }
}
