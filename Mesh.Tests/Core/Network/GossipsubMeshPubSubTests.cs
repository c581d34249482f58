using Mesh.Core.Network;
using Mesh.Tests.Libp2p.PubSub;

namespace Mesh.Tests.Core.Network;

/// <summary>The adapter over real routers on loopback.</summary>
[CancelAfter(20_000)]
public sealed class GossipsubMeshPubSubTests
{
    [Test]
    public async Task PublishAsync_TwoConnectedHosts_SubscriberReceivesWithAuthorAndRelay()
    {
        var nodes = await GossipNode.StartManyAsync(2);
        try
        {
            await nodes[0].DialAsync(nodes[1]);
            var publisher = new GossipsubMeshPubSub(nodes[0].Router);
            var subscriber = new GossipsubMeshPubSub(nodes[1].Router);
            await using var subscription = subscriber.Subscribe("t");
            await GossipNode.WaitUntilAsync(() => nodes[0].Router.GetTopicPeers("t").Count == 1, "the subscription to reach the publisher");

            await publisher.PublishAsync("t", "hello"u8.ToArray());
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            var enumerator = subscription.ReadAllAsync(timeout.Token).GetAsyncEnumerator(timeout.Token);
            Assert.That(await enumerator.MoveNextAsync(), Is.True);
            var message = enumerator.Current;
            await enumerator.DisposeAsync();

            Assert.Multiple(() =>
            {
                Assert.That(subscription.Topic, Is.EqualTo("t"));
                Assert.That(message.Topic, Is.EqualTo("t"));
                Assert.That(message.From, Is.EqualTo(nodes[0].PeerId));
                Assert.That(message.ReceivedFrom, Is.EqualTo(nodes[0].PeerId));
                Assert.That(message.Data.ToArray(), Is.EqualTo("hello"u8.ToArray()));
            });
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }
}
