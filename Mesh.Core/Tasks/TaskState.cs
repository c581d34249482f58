namespace Mesh.Core.Tasks;

/// <summary>
/// Where a task is in its life (shared/DESIGN.md spells them <c>queued|running|succeeded|failed|cancelled|lost</c>):
/// queued → running → succeeded | failed | cancelled | lost; running → queued again when a lease expires and retries remain.
/// </summary>
public enum TaskState
{
    /// <summary>Waiting for an executor.</summary>
    Queued = 0,

    /// <summary>An attempt holds a lease on an executor.</summary>
    Running = 1,

    /// <summary>Finished with exit code 0.</summary>
    Succeeded = 2,

    /// <summary>Finished otherwise: a non-zero exit, a signal, a timeout, a limit, or a start that failed.</summary>
    Failed = 3,

    /// <summary>Cancelled by a person before it finished.</summary>
    Cancelled = 4,

    /// <summary>Its executors vanished more times than its retries allow.</summary>
    Lost = 5,
}
