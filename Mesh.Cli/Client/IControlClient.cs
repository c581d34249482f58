using Mesh.Core.Control;

namespace Mesh.Cli.Client;

/// <summary>
/// The <c>mesh</c> command's view of its node's control API. Failures to reach the node or errors it reports
/// surface as <see cref="ControlClientException"/> with a one-line message a person can act on.
/// </summary>
public interface IControlClient : IDisposable
{
    /// <summary>Where the node is (for messages), for example <c>unix:/home/ann/.local/share/mesh/control.sock</c>.</summary>
    string Endpoint { get; }

    /// <summary><c>GET /v1/node</c>.</summary>
    /// <exception cref="ControlClientException">No node answers, or it answered with an error.</exception>
    Task<NodeView> GetNodeAsync(CancellationToken cancellationToken = default);

    /// <summary><c>GET /v1/peers</c>.</summary>
    /// <exception cref="ControlClientException">No node answers, or it answered with an error.</exception>
    Task<PeersView> GetPeersAsync(CancellationToken cancellationToken = default);

    /// <summary><c>POST /v1/node/benchmark</c>: re-runs the performance benchmark.</summary>
    /// <exception cref="ControlClientException">No node answers, or it answered with an error.</exception>
    Task<NodeView> RerunBenchmarkAsync(CancellationToken cancellationToken = default);

    /// <summary><c>POST /v1/tasks</c>: submits one task or an array of tasks.</summary>
    /// <exception cref="ControlClientException">No node answers, or it refused the request (its one-line reason).</exception>
    Task<SubmitTaskResponse> SubmitAsync(SubmitTaskRequest request, CancellationToken cancellationToken = default);

    /// <summary><c>GET /v1/tasks/{id}</c>.</summary>
    /// <exception cref="ControlClientException">No node answers, or it has no such task.</exception>
    Task<TaskStatusView> GetTaskAsync(string id, CancellationToken cancellationToken = default);

    /// <summary><c>GET /v1/tasks?state=&amp;after=&amp;limit=</c>: one page of tasks, oldest first.</summary>
    /// <param name="state">Only tasks in this state; null for all.</param>
    /// <param name="after">The <see cref="TaskListView.Next"/> of the previous page; null for the first.</param>
    /// <param name="limit">The most tasks on the page.</param>
    /// <param name="cancellationToken">Ends the request.</param>
    /// <exception cref="ControlClientException">No node answers, or it refused the request.</exception>
    Task<TaskListView> ListTasksAsync(string? state, string? after, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// <c>GET /v1/tasks/{id}/output?after=SEQ&amp;follow=</c>: the task's output chunks as they arrive; with
    /// <paramref name="follow"/>, until the task is final and everything was read.
    /// </summary>
    /// <exception cref="ControlClientException">No node answers, it has no such task, or the stream is malformed.</exception>
    IAsyncEnumerable<TaskOutputView> ReadOutputAsync(string id, long afterSeq, bool follow, CancellationToken cancellationToken = default);

    /// <summary><c>POST /v1/tasks/{id}/wait</c>: returns once the task is final; only <paramref name="cancellationToken"/> ends it earlier.</summary>
    /// <exception cref="ControlClientException">No node answers, or it has no such task.</exception>
    Task<TaskStatusView> WaitAsync(string id, CancellationToken cancellationToken = default);

    /// <summary><c>POST /v1/tasks/{id}/cancel</c>: cancels a queued or running task (a final one is returned unchanged).</summary>
    /// <exception cref="ControlClientException">No node answers, or it has no such task.</exception>
    Task<TaskStatusView> CancelAsync(string id, CancellationToken cancellationToken = default);

    /// <summary><c>GET /v1/journal?peer=&amp;from=&amp;limit=</c>: one page of a journal, oldest first.</summary>
    /// <param name="peer">A peer id or name; null for the node itself.</param>
    /// <param name="from">The first height.</param>
    /// <param name="limit">The most entries.</param>
    /// <param name="cancellationToken">Ends the request.</param>
    /// <exception cref="ControlClientException">No node answers, or it refused the request (its one-line reason).</exception>
    Task<JournalListView> ListJournalAsync(string? peer, long from, int limit, CancellationToken cancellationToken = default);

    /// <summary><c>GET /v1/journal/verify?peer=</c>: checks a whole journal.</summary>
    /// <param name="peer">A peer id or name; null for the node itself.</param>
    /// <param name="cancellationToken">Ends the request.</param>
    /// <exception cref="ControlClientException">No node answers, or it refused the request (its one-line reason).</exception>
    Task<JournalVerifyView> VerifyJournalAsync(string? peer, CancellationToken cancellationToken = default);
}
