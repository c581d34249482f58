using Mesh.Core.Resources;

namespace Mesh.Core.Control;

/// <summary>One journal entry as the control API shows it: the link, the compute record, the signatures (hex).</summary>
public sealed record JournalEntryView
{
    /// <summary>Its height (1 for the first entry).</summary>
    public long Height { get; init; }

    /// <summary>Its hash (hex).</summary>
    public required string Hash { get; init; }

    /// <summary>The hash of the entry before it (hex; 64 zeros for the first).</summary>
    public required string Previous { get; init; }

    /// <summary>The task id.</summary>
    public required string Task { get; init; }

    /// <summary>The attempt id (13 characters, as task listings show it).</summary>
    public required string Attempt { get; init; }

    /// <summary>The peer id of the origin (who submitted the task).</summary>
    public required string Origin { get; init; }

    /// <summary>The peer id of the executor (who ran it).</summary>
    public required string Executor { get; init; }

    /// <summary>SHA-256 of the command (hex).</summary>
    public required string CommandDigest { get; init; }

    /// <summary>The resources the task asked for.</summary>
    public ResourceVector Requested { get; init; }

    /// <summary>Wall-clock time of the attempt, in seconds.</summary>
    public double WallSeconds { get; init; }

    /// <summary>CPU time it used, in seconds.</summary>
    public double CpuSeconds { get; init; }

    /// <summary>Its peak memory, in bytes.</summary>
    public long PeakMemory { get; init; }

    /// <summary>When it started.</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>When it ended.</summary>
    public DateTimeOffset FinishedAt { get; init; }

    /// <summary>How it ended, in words: <c>exited</c>, <c>signaled</c>, <c>timedOut</c>, <c>cancelled</c>, <c>limitExceeded</c>, <c>startFailed</c> or <c>evicted</c>.</summary>
    public required string Outcome { get; init; }

    /// <summary>Its exit code when it exited.</summary>
    public int? ExitCode { get; init; }

    /// <summary>The signal that ended it, if any.</summary>
    public int? Signal { get; init; }

    /// <summary>The executor's signature (hex).</summary>
    public required string ExecutorSignature { get; init; }

    /// <summary>The origin's countersignature (hex).</summary>
    public required string OriginSignature { get; init; }
}
