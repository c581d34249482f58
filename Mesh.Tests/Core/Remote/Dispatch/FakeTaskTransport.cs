using Mesh.Core.Remote;
using Mesh.Libp2p.Channels;

namespace Mesh.Tests.Core.Remote.Dispatch;

/// <summary>A task transport that hands out one end of an in-memory stream, or fails as an unreachable peer would.</summary>
internal sealed class FakeTaskTransport : ITaskTransport
{
    private readonly InMemoryChannel _originEnd;

    public FakeTaskTransport()
    {
        (_originEnd, var executorEnd) = ChannelPair.Create();
        ExecutorEnd = executorEnd;
    }

    /// <summary>The stream's other end, played by the test.</summary>
    public InMemoryChannel ExecutorEnd { get; }

    /// <summary>The end the runner got.</summary>
    public InMemoryChannel OriginEnd => _originEnd;

    /// <summary>When set, OpenAsync throws it.</summary>
    public string? UnreachableBecause { get; set; }

    public List<string> Opened { get; } = [];

    public Task<IDuplexChannel> OpenAsync(string peer, CancellationToken cancellationToken = default)
    {
        Opened.Add(peer);
        if (UnreachableBecause is { } reason)
        {
            throw new PeerUnreachableException(reason);
        }

        return Task.FromResult<IDuplexChannel>(_originEnd);
    }
}
