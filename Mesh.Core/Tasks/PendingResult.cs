namespace Mesh.Core.Tasks;

/// <summary>A result an executor holds until its origin acknowledges it.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="Attempt">The attempt that produced it.</param>
/// <param name="Origin">The origin's peer id, where it must go.</param>
/// <param name="Result">The result.</param>
/// <param name="StoredAt">When the executor stored it.</param>
public sealed record PendingResult(TaskId TaskId, AttemptId Attempt, string Origin, TaskResult Result, DateTimeOffset StoredAt)
{
    /// <summary>The executor-signed compute record sent with it; null when it was stored without one (not journaled, or stored by an older version).</summary>
    public Wire.RunResultJournal? Journal { get; init; }
}
