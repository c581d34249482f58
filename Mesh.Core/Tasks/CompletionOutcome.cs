namespace Mesh.Core.Tasks;

/// <summary>What <see cref="TaskStore.TryComplete"/> did with a result.</summary>
public enum CompletionOutcome
{
    /// <summary>The task's one result: recorded, the task is final.</summary>
    Accepted = 0,

    /// <summary>
    /// Refused: the task already has its result, was cancelled or requeued, or the attempt id is not the current one.
    /// The sender should drop the result (acknowledge it) rather than retry: issue 6's "no doubled results".
    /// </summary>
    Duplicate = 1,

    /// <summary>No such task here.</summary>
    NotFound = 2,
}
