using Mesh.Core.Resources;
using Mesh.Core.Tasks;
using Mesh.Libp2p.Identity;

namespace Mesh.Core.Journal;

/// <summary>
/// One compute transaction: who ran what for whom, with how much, from when to when, and how it ended
/// (docs/protocol.md, "Journal"). The executor signs its encoding; the origin countersigns when it accepts the result.
/// </summary>
public sealed record ComputeRecord
{
    /// <summary>The task.</summary>
    public required TaskId Task { get; init; }

    /// <summary>The attempt that ran.</summary>
    public required AttemptId Attempt { get; init; }

    /// <summary>The peer that submitted the task and owns its result.</summary>
    public required PeerId Origin { get; init; }

    /// <summary>The peer that ran it (the origin itself for a local run).</summary>
    public required PeerId Executor { get; init; }

    /// <summary>SHA-256 of the command (<see cref="CommandDigest"/>): 32 bytes.</summary>
    public required ReadOnlyMemory<byte> CommandDigest { get; init; }

    /// <summary>The resources the task asked for.</summary>
    public ResourceVector Requested { get; init; }

    /// <summary>What the attempt used, as the executor measured it.</summary>
    public TaskUsage Used { get; init; } = TaskUsage.None;

    /// <summary>When the executor started it.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When it ended.</summary>
    public required DateTimeOffset FinishedAt { get; init; }

    /// <summary>Why it ended.</summary>
    public TaskEndReason Reason { get; init; }

    /// <summary>The exit code when the process exited.</summary>
    public int? ExitCode { get; init; }

    /// <summary>The signal that killed it.</summary>
    public int? Signal { get; init; }
}
