using Mesh.Cli.Client;
using Mesh.Core.Control;

namespace Mesh.Tests.Cli.Top;

/// <summary>A control client answering <c>GET /v1/peers</c> from a script: each call takes the next answer, the last repeats.</summary>
internal sealed class FakeControlClient : IControlClient
{
    private readonly List<Func<CancellationToken, Task<PeersView>>> _answers = [];

    public string Endpoint => "unix:/tmp/fake-node.sock";

    public int PeerCalls { get; private set; }

    public bool Disposed { get; private set; }

    public FakeControlClient Answer(PeersView view) => Answer(_ => Task.FromResult(view));

    public FakeControlClient Fail(string message) => Answer(_ => Task.FromException<PeersView>(new ControlClientException(message)));

    /// <summary>An answer that never comes: the call ends only when cancelled.</summary>
    /// <remarks>The cancellation completes the call inline, so that fake time decides when the loop sees it.</remarks>
    public FakeControlClient Hang() => Answer(cancellationToken =>
    {
        var never = new TaskCompletionSource<PeersView>();
        cancellationToken.Register(() => never.TrySetCanceled(cancellationToken));
        return never.Task;
    });

    public FakeControlClient Answer(Func<CancellationToken, Task<PeersView>> answer)
    {
        _answers.Add(answer);
        return this;
    }

    public Task<PeersView> GetPeersAsync(CancellationToken cancellationToken = default)
    {
        var answer = _answers[Math.Min(PeerCalls, _answers.Count - 1)];
        PeerCalls++;
        return answer(cancellationToken);
    }

    public Task<NodeView> GetNodeAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<NodeView> RerunBenchmarkAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<SubmitTaskResponse> SubmitAsync(SubmitTaskRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<TaskStatusView> GetTaskAsync(string id, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<TaskListView> ListTasksAsync(string? state, string? after, int limit, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public IAsyncEnumerable<TaskOutputView> ReadOutputAsync(string id, long afterSeq, bool follow, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<TaskStatusView> WaitAsync(string id, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<TaskStatusView> CancelAsync(string id, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<JournalListView> ListJournalAsync(string? peer, long from, int limit, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<JournalVerifyView> VerifyJournalAsync(string? peer, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public void Dispose() => Disposed = true;
}
