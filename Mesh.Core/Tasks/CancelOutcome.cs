namespace Mesh.Core.Tasks;

/// <summary>What <see cref="TaskStore.Cancel"/> did.</summary>
public enum CancelOutcome
{
    /// <summary>The task was queued or running and is now cancelled.</summary>
    Cancelled = 0,

    /// <summary>Nothing: the task had already reached a final state.</summary>
    AlreadyFinished = 1,

    /// <summary>No such task here.</summary>
    NotFound = 2,
}
