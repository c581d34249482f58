namespace Mesh.Core.Remote.Dispatch;

/// <summary>How a remote attempt's conversation with its executor ended (<see cref="RemoteAttemptOutcome.Kind"/>).</summary>
public enum RemoteAttemptEnd
{
    /// <summary>
    /// The attempt has an end recorded or refused by the task store: the executor's result (acknowledged to it), or a
    /// start failure the origin found itself (an input missing from its cache). <see cref="RemoteAttemptOutcome.Completion"/>
    /// says what the store did with it; a cancelled task's late result is <see cref="Tasks.CompletionOutcome.Duplicate"/>.
    /// </summary>
    Completed = 0,

    /// <summary>The executor refused the run (<see cref="RemoteAttemptOutcome.Refusal"/>); the store was not changed.</summary>
    Refused = 1,

    /// <summary>No stream could be opened to the executor; the store was not changed.</summary>
    Unreachable = 2,

    /// <summary>
    /// The conversation ended without a result: stream broken, peer silent, protocol violation, or the attempt no longer
    /// current (lease lost). The attempt's lease was shortened to at most now + ResumeGrace where it was still current; the
    /// task service re-queues it when that expires, unless the executor redelivers its result first.
    /// </summary>
    Broken = 3,

    /// <summary>
    /// The executor evicted the attempt to give its machine back to its owner (docs/protocol.md "Eviction"). The task was
    /// returned to the queue without spending a retry (acknowledged to the executor); the task service should pass over
    /// that peer for a while.
    /// </summary>
    Evicted = 4,
}
