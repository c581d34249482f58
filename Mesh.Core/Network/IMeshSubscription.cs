namespace Mesh.Core.Network;

/// <summary>A subscription to one topic: a bounded queue of messages other peers published. Dispose to leave.</summary>
public interface IMeshSubscription : IAsyncDisposable
{
    /// <summary>The topic.</summary>
    string Topic { get; }

    /// <summary>Messages dropped because the reader fell behind and the queue was full.</summary>
    long Dropped { get; }

    /// <summary>Reads messages until the subscription ends (disposed, router stopped) or <paramref name="cancellationToken"/> is cancelled.</summary>
    IAsyncEnumerable<MeshPubSubMessage> ReadAllAsync(CancellationToken cancellationToken = default);
}
