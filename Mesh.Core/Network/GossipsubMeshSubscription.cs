using System.Runtime.CompilerServices;
using Mesh.Libp2p.PubSub;

namespace Mesh.Core.Network;

/// <summary>Adapts a gossipsub <see cref="TopicSubscription"/> (already bounded, dropping the oldest) to <see cref="IMeshSubscription"/>.</summary>
internal sealed class GossipsubMeshSubscription(TopicSubscription subscription) : IMeshSubscription
{
    public string Topic => subscription.Topic;

    public long Dropped => subscription.Dropped;

    public async IAsyncEnumerable<MeshPubSubMessage> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var message in subscription.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return new MeshPubSubMessage(message.Topic, message.From, message.ReceivedFrom, message.Data);
        }
    }

    public ValueTask DisposeAsync() => subscription.DisposeAsync();
}
