namespace Mesh.Core.Tasks;

/// <summary>Why an attempt ended.</summary>
public enum TaskEndReason
{
    /// <summary>The process exited by itself (see the exit code).</summary>
    Exited = 0,

    /// <summary>The process was killed by a signal it did not ask for.</summary>
    Signaled = 1,

    /// <summary>The attempt ran past its timeout and was killed.</summary>
    TimedOut = 2,

    /// <summary>Cancelled on request.</summary>
    Cancelled = 3,

    /// <summary>Stopped by a resource limit (for example the memory limit).</summary>
    LimitExceeded = 4,

    /// <summary>The process could not be started (missing program, input staging failed).</summary>
    StartFailed = 5,

    /// <summary>
    /// Stopped by its executor to give the machine back to its owner: the attempt runs again elsewhere, and no retry is
    /// spent (the origin returns the task to its queue instead of recording this as its result).
    /// </summary>
    Evicted = 6,
}
