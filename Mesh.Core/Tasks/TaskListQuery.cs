namespace Mesh.Core.Tasks;

/// <summary>A page of tasks: optionally one state, ids after a cursor, in id (submission) order.</summary>
/// <param name="State">Only tasks in this state (null: all).</param>
/// <param name="After">Only ids after this one: the last id of the previous page (null: from the start).</param>
/// <param name="Limit">The most records (capped by <see cref="TaskStoreOptions.MaxPageSize"/>).</param>
public sealed record TaskListQuery(TaskState? State = null, TaskId? After = null, int Limit = 100);
