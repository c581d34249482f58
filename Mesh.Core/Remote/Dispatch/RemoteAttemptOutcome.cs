using Mesh.Core.Tasks;
using Mesh.Core.Tasks.Wire;

namespace Mesh.Core.Remote.Dispatch;

/// <summary>The end of one remote attempt, as <see cref="RemoteAttemptRunner.RunAsync"/> reports it.</summary>
/// <param name="Kind">How the conversation ended.</param>
/// <param name="Completion">For <see cref="RemoteAttemptEnd.Completed"/>: what the task store did with the result.</param>
/// <param name="Refusal">For <see cref="RemoteAttemptEnd.Refused"/>: the executor's reason.</param>
/// <param name="Message">Why, for people (the executor's refusal text, the reason the stream broke, problems with returned files).</param>
public sealed record RemoteAttemptOutcome(
    RemoteAttemptEnd Kind, CompletionOutcome? Completion = null, RunRefusalReason? Refusal = null, string? Message = null)
{
    /// <summary>A result (or an origin-side start failure) handed to the task store, which answered <paramref name="completion"/>.</summary>
    public static RemoteAttemptOutcome Completed(CompletionOutcome completion, string? message = null) =>
        new(RemoteAttemptEnd.Completed, completion, null, message);

    /// <summary>The executor refused the run.</summary>
    public static RemoteAttemptOutcome Refused(RunRefusalReason reason, string? message) =>
        new(RemoteAttemptEnd.Refused, null, reason, message);

    /// <summary>The executor could not be reached.</summary>
    public static RemoteAttemptOutcome Unreachable(string message) => new(RemoteAttemptEnd.Unreachable, null, null, message);

    /// <summary>The conversation ended without a result.</summary>
    public static RemoteAttemptOutcome Broken(string message) => new(RemoteAttemptEnd.Broken, null, null, message);

    /// <summary>The executor evicted the attempt; the task is back in the queue (no retry spent).</summary>
    public static RemoteAttemptOutcome Evicted(string message) => new(RemoteAttemptEnd.Evicted, null, null, message);
}
