namespace Mesh.Core.Control;

/// <summary>
/// The task side of the control API, independent of how it is served: the node implements it, the Unix-socket HTTP
/// server exposes it (docs/control-api.md), and tests can fake it. Unknown ids give null (HTTP 404).
/// </summary>
public interface ITaskControl
{
    /// <summary><c>POST /v1/tasks</c>: validates, stores durably, queues.</summary>
    /// <exception cref="TaskRequestException">The request is invalid or cannot be placed (HTTP 400, the message is one line).</exception>
    Task<SubmitTaskResponse> SubmitAsync(SubmitTaskRequest request, CancellationToken cancellationToken = default);

    /// <summary><c>GET /v1/tasks/{id}</c>.</summary>
    TaskStatusView? Get(string id);

    /// <summary><c>GET /v1/tasks</c>: one page, oldest first, optionally of one state.</summary>
    /// <exception cref="TaskRequestException">A bad state name or cursor.</exception>
    TaskListView List(string? state, string? after, int limit);

    /// <summary>
    /// <c>GET /v1/tasks/{id}/output</c>: the output chunks after <paramref name="afterSeq"/>; with
    /// <paramref name="follow"/>, keeps waiting for more until the task is final and everything was read.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No such task.</exception>
    IAsyncEnumerable<TaskOutputView> ReadOutputAsync(string id, long afterSeq, bool follow, CancellationToken cancellationToken = default);

    /// <summary><c>POST /v1/tasks/{id}/wait</c>: returns once the task is final (or the token ends the wait); null for an unknown id.</summary>
    Task<TaskStatusView?> WaitAsync(string id, CancellationToken cancellationToken = default);

    /// <summary><c>POST /v1/tasks/{id}/cancel</c>: cancels a queued or running task; a final task is returned unchanged.</summary>
    Task<TaskStatusView?> CancelAsync(string id, CancellationToken cancellationToken = default);
}
