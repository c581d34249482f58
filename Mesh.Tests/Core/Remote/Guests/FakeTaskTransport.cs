using System.Threading.Channels;
using Mesh.Core.Remote;
using Mesh.Libp2p.Channels;

namespace Mesh.Tests.Core.Remote.Guests;

/// <summary>A transport whose streams are in-memory pairs; the test gets the origin's end of each one opened.</summary>
internal sealed class FakeTaskTransport : ITaskTransport
{
    private readonly Channel<InMemoryChannel> _opened = Channel.CreateUnbounded<InMemoryChannel>();

    /// <summary>When true, opening fails as an unreachable peer.</summary>
    public bool Unreachable { get; set; }

    public List<string> Peers { get; } = [];

    public Task<IDuplexChannel> OpenAsync(string peer, CancellationToken cancellationToken = default)
    {
        lock (Peers)
        {
            Peers.Add(peer);
        }

        if (Unreachable)
        {
            throw new PeerUnreachableException($"{peer} is not reachable");
        }

        var (origin, executor) = ChannelPair.Create();
        _opened.Writer.TryWrite(origin);
        return Task.FromResult<IDuplexChannel>(executor);
    }

    /// <summary>The origin's end of the next stream the host opens (waits at most 5 s).</summary>
    public async Task<InMemoryChannel> NextAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        return await _opened.Reader.ReadAsync(timeout.Token);
    }
}
