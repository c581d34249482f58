namespace Mesh.Core.Control;

/// <summary>The answer to <c>POST /v1/tasks</c> (and <c>mesh submit --json</c>): the new task ids, in array order.</summary>
/// <param name="Ids">The ids.</param>
public sealed record SubmitTaskResponse(IReadOnlyList<string> Ids);
