namespace Mesh.Core.Tasks;

/// <summary>The origin's durable record of one task, as <see cref="TaskStore"/> keeps it.</summary>
public sealed record TaskRecord
{
    /// <summary>The task's id.</summary>
    public required TaskId Id { get; init; }

    /// <summary>What to run.</summary>
    public required TaskSpec Spec { get; init; }

    /// <summary>Where it is in its life.</summary>
    public required TaskState State { get; init; }

    /// <summary>The exit code of the accepted result (null until then, or when it did not exit).</summary>
    public int? ExitCode { get; init; }

    /// <summary>The peer id of the node where it was submitted (which owns this record).</summary>
    public required string Origin { get; init; }

    /// <summary>The peer id of the executor of the current or last attempt (null before the first start).</summary>
    public string? Executor { get; init; }

    /// <summary>How many attempts have started.</summary>
    public int Attempts { get; init; }

    /// <summary>When it was submitted.</summary>
    public required DateTimeOffset SubmittedAt { get; init; }

    /// <summary>When the current or last attempt started.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When it reached a final state.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>The current (or last) attempt's id; null before the first start and after a requeue.</summary>
    public AttemptId? AttemptId { get; init; }

    /// <summary>Until when the running attempt's lease holds (null unless running).</summary>
    public DateTimeOffset? LeaseUntil { get; init; }

    /// <summary>Why it failed, was cancelled or lost, or why it was last requeued; null when nothing went wrong.</summary>
    public string? Error { get; init; }
}
