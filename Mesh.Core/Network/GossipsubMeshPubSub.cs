using Mesh.Libp2p.PubSub;

namespace Mesh.Core.Network;

/// <summary>
/// <see cref="IMeshPubSub"/> over a started <see cref="Gossipsub"/> router. The router stays owned by the caller:
/// disposing subscriptions made here leaves their topics, nothing more.
/// </summary>
/// <param name="router">The router; its StrictSign validation guarantees <see cref="MeshPubSubMessage.From"/>.</param>
public sealed class GossipsubMeshPubSub(Gossipsub router) : IMeshPubSub
{
    /// <inheritdoc />
    public event EventHandler<MeshTopicPeerEventArgs>? PeerSubscribed
    {
        add
        {
            lock (_handlers)
            {
                if (_handlers.Count == 0)
                {
                    router.PeerSubscribed += OnPeerSubscribed;
                }

                _handlers.Add(value);
            }
        }

        remove
        {
            lock (_handlers)
            {
                if (_handlers.Remove(value) && _handlers.Count == 0)
                {
                    router.PeerSubscribed -= OnPeerSubscribed;
                }
            }
        }
    }

    // Forwarded through the router's event only while someone listens, so the adapter does not keep itself alive.
    private readonly List<EventHandler<MeshTopicPeerEventArgs>?> _handlers = [];

    /// <inheritdoc />
    public ValueTask PublishAsync(string topic, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) =>
        new(router.PublishAsync(topic, data, cancellationToken));

    /// <inheritdoc />
    public IMeshSubscription Subscribe(string topic) => new GossipsubMeshSubscription(router.Subscribe(topic));

    private void OnPeerSubscribed(object? sender, TopicPeerEventArgs e)
    {
        EventHandler<MeshTopicPeerEventArgs>?[] handlers;
        lock (_handlers)
        {
            handlers = [.. _handlers];
        }

        var args = new MeshTopicPeerEventArgs(e.Topic, e.Peer);
        foreach (var handler in handlers)
        {
            handler?.Invoke(this, args);
        }
    }
}
