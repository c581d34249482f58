using Mesh.Core.Tasks;
using Mesh.Core.Tasks.Wire;

namespace Mesh.Core.Remote.Dispatch;

/// <summary>What became of one attempt run on another peer.</summary>
/// <param name="Kind">How it ended.</param>
/// <param name="Completion">What the store did with the result, when there was one.</param>
/// <param name="Refusal">The executor's reason, when it refused.</param>
/// <param name="Message">Why, for people.</param>
public sealed record RemoteAttemptOutcome(RemoteAttemptEnd Kind, CompletionOutcome? Completion = null, RunRefusalReason? Refusal = null, string? Message = null);
