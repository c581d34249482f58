namespace Mesh.Core.Tasks;

/// <summary>What <see cref="TaskStore.AppendOutput"/> did with a chunk.</summary>
public enum OutputAppendOutcome
{
    /// <summary>Stored (all of it, or the part past what was already stored).</summary>
    Appended = 0,

    /// <summary>Already stored (a resend): nothing changed.</summary>
    Duplicate = 1,

    /// <summary>The chunk starts past the stored end: resend from <see cref="OutputAppendResult.NextOffset"/>.</summary>
    Gap = 2,

    /// <summary>The attempt's output reached its cap: the part that fit (if any) was stored with a marker, the rest dropped.</summary>
    Truncated = 3,

    /// <summary>Refused: the attempt is not the task's current one.</summary>
    StaleAttempt = 4,

    /// <summary>No such task here.</summary>
    NotFound = 5,
}
