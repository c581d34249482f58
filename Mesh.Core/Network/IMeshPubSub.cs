namespace Mesh.Core.Network;

/// <summary>
/// The narrow seam between Mesh.Core and the pubsub router: publish bytes to a topic and read what others publish.
/// Mesh.Core's protocols are written against this so they can be tested with an in-memory fake; the node passes a
/// <see cref="GossipsubMeshPubSub"/>.
/// </summary>
public interface IMeshPubSub
{
    /// <summary>Publishes <paramref name="data"/> to <paramref name="topic"/>, signed by this node as author.</summary>
    /// <exception cref="ArgumentException"><paramref name="data"/> is larger than the router accepts.</exception>
    ValueTask PublishAsync(string topic, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default);

    /// <summary>Subscribes to <paramref name="topic"/>; dispose the subscription to leave.</summary>
    IMeshSubscription Subscribe(string topic);

    /// <summary>
    /// Raised when a remote peer starts subscribing to a topic (a newcomer): a service that keeps state on a topic
    /// may publish at once instead of at its next interval. Handlers must be quick.
    /// </summary>
    event EventHandler<MeshTopicPeerEventArgs>? PeerSubscribed;
}
