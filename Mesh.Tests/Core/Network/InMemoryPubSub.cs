using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Mesh.Core.Network;
using Mesh.Libp2p.Identity;

namespace Mesh.Tests.Core.Network;

/// <summary>
/// A fake <see cref="IMeshPubSub"/> network in memory: every endpoint's publications reach every other endpoint's
/// subscriptions of the topic (not its own, as gossipsub), and tests can inject messages with any author.
/// </summary>
internal sealed class InMemoryPubSub
{
    private readonly Lock _gate = new();
    private readonly List<Endpoint> _endpoints = [];

    private readonly List<(PeerId From, string Topic, byte[] Data)> _published = [];

    /// <summary>A copy of everything published so far, in order: (author, topic, data).</summary>
    public IReadOnlyList<(PeerId From, string Topic, byte[] Data)> Published
    {
        get
        {
            lock (_gate)
            {
                return [.. _published];
            }
        }
    }

    public IMeshPubSub Join(PeerId peer)
    {
        var endpoint = new Endpoint(this, peer);
        lock (_gate)
        {
            _endpoints.Add(endpoint);
        }

        return endpoint;
    }

    /// <summary>Delivers <paramref name="data"/> to every subscription of <paramref name="topic"/> as if <paramref name="from"/> published it.</summary>
    public void Inject(string topic, PeerId from, byte[] data, PeerId? receivedFrom = null) => Deliver(null, topic, from, receivedFrom ?? from, data);

    private void Deliver(Endpoint? publisher, string topic, PeerId from, PeerId receivedFrom, byte[] data)
    {
        Endpoint[] targets;
        lock (_gate)
        {
            if (publisher is not null)
            {
                _published.Add((from, topic, data));
            }

            targets = [.. _endpoints.Where(e => e != publisher)];
        }

        foreach (var endpoint in targets)
        {
            endpoint.Deliver(new MeshPubSubMessage(topic, from, receivedFrom, data));
        }
    }

    /// <summary>Tells every endpoint but <paramref name="peer"/>'s that <paramref name="peer"/> now subscribes to <paramref name="topic"/>.</summary>
    public void AnnounceSubscription(string topic, PeerId peer)
    {
        Endpoint[] targets;
        lock (_gate)
        {
            targets = [.. _endpoints.Where(e => e.Peer != peer)];
        }

        foreach (var endpoint in targets)
        {
            endpoint.RaisePeerSubscribed(new MeshTopicPeerEventArgs(topic, peer));
        }
    }

    private sealed class Endpoint(InMemoryPubSub network, PeerId peer) : IMeshPubSub
    {
        private readonly Lock _gate = new();
        private readonly List<Subscription> _subscriptions = [];

        public event EventHandler<MeshTopicPeerEventArgs>? PeerSubscribed;

        public PeerId Peer => peer;

        public void RaisePeerSubscribed(MeshTopicPeerEventArgs args) => PeerSubscribed?.Invoke(this, args);

        public ValueTask PublishAsync(string topic, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
        {
            network.Deliver(this, topic, peer, peer, data.ToArray());
            return ValueTask.CompletedTask;
        }

        public IMeshSubscription Subscribe(string topic)
        {
            var subscription = new Subscription(topic, s =>
            {
                lock (_gate)
                {
                    _subscriptions.Remove(s);
                }
            });
            lock (_gate)
            {
                _subscriptions.Add(subscription);
            }

            network.AnnounceSubscription(topic, peer);
            return subscription;
        }

        public void Deliver(MeshPubSubMessage message)
        {
            Subscription[] targets;
            lock (_gate)
            {
                targets = [.. _subscriptions.Where(s => s.Topic == message.Topic)];
            }

            foreach (var subscription in targets)
            {
                subscription.Queue.Writer.TryWrite(message);
            }
        }
    }

    private sealed class Subscription(string topic, Action<Subscription> leave) : IMeshSubscription
    {
        public Channel<MeshPubSubMessage> Queue { get; } = Channel.CreateBounded<MeshPubSubMessage>(1024);

        public string Topic => topic;

        public long Dropped => 0;

        public async IAsyncEnumerable<MeshPubSubMessage> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await foreach (var message in Queue.Reader.ReadAllAsync(cancellationToken))
            {
                yield return message;
            }
        }

        public ValueTask DisposeAsync()
        {
            Queue.Writer.TryComplete();
            leave(this);
            return ValueTask.CompletedTask;
        }
    }
}
