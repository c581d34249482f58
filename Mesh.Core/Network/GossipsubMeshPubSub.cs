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
    public ValueTask PublishAsync(string topic, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) =>
        new(router.PublishAsync(topic, data, cancellationToken));

    /// <inheritdoc />
    public IMeshSubscription Subscribe(string topic) => new GossipsubMeshSubscription(router.Subscribe(topic));
}
