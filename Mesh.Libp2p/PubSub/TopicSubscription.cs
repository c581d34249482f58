using System.Threading.Channels;

namespace Mesh.Libp2p.PubSub;

/// <summary>
/// A local subscription to one topic: a bounded queue of received messages. When the reader falls behind, the
/// oldest message is dropped and counted in <see cref="Dropped"/>. Dispose to leave (the router leaves the topic
/// once its last subscription is gone).
/// </summary>
public sealed class TopicSubscription : IAsyncDisposable
{
    private readonly Channel<PubSubMessage> _queue;
    private readonly Func<TopicSubscription, ValueTask> _leave;
    private long _dropped;
    private int _disposed;

    internal TopicSubscription(string topic, int capacity, Func<TopicSubscription, ValueTask> leave)
    {
        Topic = topic;
        _leave = leave;
        _queue = Channel.CreateBounded<PubSubMessage>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleWriter = false },
            _ => Interlocked.Increment(ref _dropped));
    }

    /// <summary>The topic.</summary>
    public string Topic { get; }

    /// <summary>The received messages; completes when the subscription is disposed or the router stops.</summary>
    public ChannelReader<PubSubMessage> Messages => _queue.Reader;

    /// <summary>Messages dropped because the queue was full.</summary>
    public long Dropped => Volatile.Read(ref _dropped);

    /// <summary>Reads messages until the subscription ends or <paramref name="cancellationToken"/> is cancelled.</summary>
    public IAsyncEnumerable<PubSubMessage> ReadAllAsync(CancellationToken cancellationToken = default) => _queue.Reader.ReadAllAsync(cancellationToken);

    /// <summary>Leaves the subscription; further messages are not delivered.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _queue.Writer.TryComplete();
        await _leave(this).ConfigureAwait(false);
    }

    internal void Deliver(PubSubMessage message) => _queue.Writer.TryWrite(message);

    internal void Complete() => _queue.Writer.TryComplete();
}
