namespace Mesh.Core.Control;

/// <summary>The answer to <c>GET /v1/tasks?state=&amp;after=&amp;limit=</c> (and <c>mesh tasks --json</c>): oldest first.</summary>
/// <param name="Tasks">One page of tasks.</param>
/// <param name="Next">The <c>after</c> value for the next page; null on the last page.</param>
public sealed record TaskListView(IReadOnlyList<TaskStatusView> Tasks, string? Next);
