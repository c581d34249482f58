namespace Mesh.Core.Tasks;

/// <summary>What <see cref="TaskStore.Requeue"/> did.</summary>
public enum RequeueOutcome
{
    /// <summary>Back in the queue for another attempt.</summary>
    Requeued = 0,

    /// <summary>No retries left: the task is now lost.</summary>
    Lost = 1,

    /// <summary>Nothing: the task is not running that attempt (it finished, was cancelled, or already moved on).</summary>
    NotRunning = 2,
}
