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

    public JournalListView Journal { get; set; } = JournalSamples.List(3);

    public JournalVerifyView Verification { get; set; } = JournalSamples.Verified(3);

    /// <summary>When set, the journal calls fail with this message (as the node's 404/502 answers do).</summary>
    public string? JournalFailure { get; set; }

    public List<(string? Peer, long From, int Limit)> JournalCalls { get; } = [];

    public List<string?> VerifyCalls { get; } = [];

    public Task<NodeView> GetNodeAsync(CancellationToken cancellationToken = default) => Answer(Node);

    public Task<PeersView> GetPeersAsync(CancellationToken cancellationToken = default) => Answer(Peers);

    public Task<NodeView> RerunBenchmarkAsync(CancellationToken cancellationToken = default) => Answer(Node);

    public Task<SubmitTaskResponse> SubmitAsync(SubmitTaskRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<TaskStatusView> GetTaskAsync(string id, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<TaskListView> ListTasksAsync(string? state, string? after, int limit, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public IAsyncEnumerable<TaskOutputView> ReadOutputAsync(string id, long afterSeq, bool follow, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<TaskStatusView> WaitAsync(string id, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<TaskStatusView> CancelAsync(string id, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<JournalListView> ListJournalAsync(string? peer, long from, int limit, CancellationToken cancellationToken = default)
    {
        JournalCalls.Add((peer, from, limit));
        return JournalFailure is null ? Answer(Journal) : Task.FromException<JournalListView>(new ControlClientException(JournalFailure));
    }

    public Task<JournalVerifyView> VerifyJournalAsync(string? peer, CancellationToken cancellationToken = default)
    {
        VerifyCalls.Add(peer);
        return JournalFailure is null ? Answer(Verification) : Task.FromException<JournalVerifyView>(new ControlClientException(JournalFailure));
    }

    public void Dispose() => Disposed = true;

    private Task<T> Answer<T>(T value) =>
        FailureMessage is null ? Task.FromResult(value) : Task.FromException<T>(new ControlClientException(FailureMessage));
}
