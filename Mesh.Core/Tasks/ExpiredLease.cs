namespace Mesh.Core.Tasks;

/// <summary>A running attempt whose lease has run out.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="Attempt">The attempt holding the expired lease.</param>
/// <param name="Executor">Its executor.</param>
/// <param name="LeaseUntil">When the lease ran out.</param>
public sealed record ExpiredLease(TaskId TaskId, AttemptId Attempt, string Executor, DateTimeOffset LeaseUntil);
