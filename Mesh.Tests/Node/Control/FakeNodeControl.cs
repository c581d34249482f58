using Mesh.Core.Control;

namespace Mesh.Tests.Node.Control;

/// <summary>An <see cref="INodeControl"/> answering fixed views, counting benchmark runs, failing when told.</summary>
internal sealed class FakeNodeControl : INodeControl
{
    private int _benchmarkRuns;

    public NodeView Node { get; set; } = ControlSamples.Node();

    public PeersView Peers { get; set; } = ControlSamples.Peers(3);

    /// <summary>When set, every call throws it.</summary>
    public Exception? Failure { get; set; }

    public int BenchmarkRuns => Volatile.Read(ref _benchmarkRuns);

    public NodeView GetNode() => Failure is null ? Node : throw Failure;

    public PeersView GetPeers() => Failure is null ? Peers : throw Failure;

    public Task<NodeView> RerunBenchmarkAsync(CancellationToken cancellationToken = default)
    {
        if (Failure is not null)
        {
            throw Failure;
        }

        Interlocked.Increment(ref _benchmarkRuns);
        Node = Node with { Score = Node.Score + 1 };
        return Task.FromResult(Node);
    }
}
