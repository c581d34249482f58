using Mesh.Cli.Client;
using Mesh.Core.Control;
using Mesh.Tests.Node.Control;

namespace Mesh.Tests.Cli;

/// <summary>An <see cref="IControlClient"/> answering fixed views, or failing with a given message.</summary>
internal sealed class FakeControlClient : IControlClient
{
    public string Endpoint { get; init; } = "unix:/fake/control.sock";

    public NodeView Node { get; set; } = ControlSamples.Node();

    public PeersView Peers { get; set; } = ControlSamples.Peers(3);

    public string? FailureMessage { get; set; }

    public bool Disposed { get; private set; }

    public Task<NodeView> GetNodeAsync(CancellationToken cancellationToken = default) => Answer(Node);

    public Task<PeersView> GetPeersAsync(CancellationToken cancellationToken = default) => Answer(Peers);

    public Task<NodeView> RerunBenchmarkAsync(CancellationToken cancellationToken = default) => Answer(Node);

    public Task<SubmitTaskResponse> SubmitAsync(SubmitTaskRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<TaskStatusView> GetTaskAsync(string id, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<TaskListView> ListTasksAsync(string? state, string? after, int limit, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public IAsyncEnumerable<TaskOutputView> ReadOutputAsync(string id, long afterSeq, bool follow, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<TaskStatusView> WaitAsync(string id, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<TaskStatusView> CancelAsync(string id, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public void Dispose() => Disposed = true;

    private Task<T> Answer<T>(T value) =>
        FailureMessage is null ? Task.FromResult(value) : Task.FromException<T>(new ControlClientException(FailureMessage));
}
