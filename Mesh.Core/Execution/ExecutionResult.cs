namespace Mesh.Core.Execution;

/// <summary>What happened to one execution.</summary>
public sealed record ExecutionResult
{
    /// <summary>Why it ended.</summary>
    public required ExecutionOutcome Outcome { get; init; }

    /// <summary>
    /// The exit code of the task's process, when it ended (null when it never started). A process killed by a
    /// signal reads 128 + the signal number here, as in a shell, and <see cref="Signal"/> holds the number.
    /// </summary>
    public int? ExitCode { get; init; }

    /// <summary>The signal that ended the process, when its exit code says it was killed (exit code above 128).</summary>
    public int? Signal { get; init; }

    /// <summary>Why it failed to start, when <see cref="Outcome"/> is <see cref="ExecutionOutcome.FailedToStart"/>.</summary>
    public string? FailureReason { get; init; }

    /// <summary>When the process started (or the attempt, when it never did).</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When it ended and its output was drained.</summary>
    public required DateTimeOffset FinishedAt { get; init; }

    /// <summary>Wall time from start to end.</summary>
    public TimeSpan WallTime => FinishedAt - StartedAt;

    /// <summary>Resources used.</summary>
    public ExecutionUsage Usage { get; init; } = ExecutionUsage.Unknown;

    /// <summary>The attempt's private working directory (kept for collecting output files; null when none was made).</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Bytes of stdout the task wrote.</summary>
    public long StdoutBytes { get; init; }

    /// <summary>Bytes of stderr the task wrote.</summary>
    public long StderrBytes { get; init; }
}
