namespace Mesh.Core.Tasks;

/// <summary>The outcome of a cancel, and the attempt to stop when the task was running.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Executor">The executor running it when it was cancelled (tell it to kill the attempt); null when it was not running.</param>
/// <param name="Attempt">The attempt that was running; null when it was not running.</param>
public sealed record CancelResult(CancelOutcome Outcome, string? Executor = null, AttemptId? Attempt = null);
