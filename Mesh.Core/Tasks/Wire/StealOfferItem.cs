namespace Mesh.Core.Tasks.Wire;

/// <summary>One task a victim hands to a thief: an attempt already started at the victim (the task's origin) and leased to the thief.</summary>
/// <param name="Attempt">The fresh attempt id.</param>
/// <param name="Task">The task.</param>
/// <param name="Spec">What to run.</param>
/// <param name="LeaseUntil">When the lease ends unless the thief renews it.</param>
public sealed record StealOfferItem(AttemptId Attempt, TaskId Task, TaskSpec Spec, DateTimeOffset LeaseUntil);
