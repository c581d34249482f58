namespace Mesh.Tests.Libp2p.PubSub;

/// <summary>Routers on real loopback hosts.</summary>
[CancelAfter(30_000)]
public sealed class GossipsubTests
{
    private const string Topic = "test";

    [Test]
    public async Task Subscribe_ThreeConnectedHosts_EveryRouterLearnsTheOthers()
    {
        var nodes = await GossipNode.StartManyAsync(3);
        try
        {
            await nodes[0].DialAsync(nodes[1]);
            await nodes[0].DialAsync(nodes[2]);
            await nodes[1].DialAsync(nodes[2]);
            var subscriptions = nodes.Select(n => n.Router.Subscribe(Topic)).ToArray();

            foreach (var node in nodes)
            {
                await GossipNode.WaitUntilAsync(() => node.Router.GetTopicPeers(Topic).Count == 2, "topic peers");
            }

            Assert.That(nodes[0].Router.GetTopicPeers(Topic), Is.EquivalentTo(new[] { nodes[1].PeerId, nodes[2].PeerId }));
        }
        finally
        {
            await DisposeAllAsync(nodes);
        }
    }

    [Test]
    public async Task PeerSubscribed_RemotePeerJoinsTopic_RaisedOncePerTopicAndPeer()
    {
        var nodes = await GossipNode.StartManyAsync(2);
        var seen = new System.Collections.Concurrent.ConcurrentQueue<(string Topic, Mesh.Libp2p.Identity.PeerId Peer)>();
        nodes[0].Router.PeerSubscribed += (_, e) => seen.Enqueue((e.Topic, e.Peer));
        try
        {
            await nodes[0].DialAsync(nodes[1]);
            await using var first = nodes[1].Router.Subscribe(Topic);
            await using var again = nodes[1].Router.Subscribe(Topic);
            await using var other = nodes[1].Router.Subscribe("other");
            await GossipNode.WaitUntilAsync(() => seen.Count >= 2, "two announcements");
            await Task.Delay(200);

            Assert.That(seen, Is.EquivalentTo(new[] { (Topic, nodes[1].PeerId), ("other", nodes[1].PeerId) }), "a second local subscription announces nothing new");
        }
        finally
        {
            await DisposeAllAsync(nodes);
        }
    }

    [Test]
    public async Task Publish_ChainOfFiveHosts_ReachesEveryHostOnce()
    {
        var nodes = await GossipNode.StartManyAsync(5);
        try
        {
            for (var i = 0; i < 4; i++)
            {
                await nodes[i].DialAsync(nodes[i + 1]);
            }

            var subscriptions = nodes.Select(n => n.Router.Subscribe(Topic)).ToArray();
            for (var i = 1; i < 5; i++)
            {
                var node = nodes[i];
                var expected = i == 4 ? 1 : 2;
                await GossipNode.WaitUntilAsync(() => node.Router.GetMeshPeers(Topic).Count == expected, $"mesh of node {i}");
            }

            await nodes[0].Router.PublishAsync(Topic, "hello"u8.ToArray());

            for (var i = 1; i < 5; i++)
            {
                var message = await GossipNode.NextAsync(subscriptions[i]);
                Assert.Multiple(() =>
                {
                    Assert.That(System.Text.Encoding.UTF8.GetString(message.Data.Span), Is.EqualTo("hello"));
                    Assert.That(message.From, Is.EqualTo(nodes[0].PeerId));
                    Assert.That(message.Topic, Is.EqualTo(Topic));
                });
            }

            Assert.That(subscriptions[0].Messages.TryRead(out _), Is.False, "no delivery to the publisher itself");
        }
        finally
        {
            await DisposeAllAsync(nodes);
        }
    }

    [Test]
    public async Task Publish_FullyConnectedFourHosts_NoDuplicateDelivered()
    {
        var nodes = await GossipNode.StartManyAsync(4);
        try
        {
            await ConnectAllAsync(nodes);
            var subscriptions = nodes.Select(n => n.Router.Subscribe(Topic)).ToArray();
            foreach (var node in nodes)
            {
                await GossipNode.WaitUntilAsync(() => node.Router.GetMeshPeers(Topic).Count == 3, "full meshes");
            }

            for (var i = 0; i < 10; i++)
            {
                await nodes[i % 4].Router.PublishAsync(Topic, System.Text.Encoding.UTF8.GetBytes($"m{i}"));
            }

            foreach (var (subscription, index) in subscriptions.Select((s, i) => (s, i)))
            {
                var expected = Enumerable.Range(0, 10).Where(i => i % 4 != index).Select(i => $"m{i}").ToArray();
                var received = new List<string>();
                for (var i = 0; i < expected.Length; i++)
                {
                    received.Add(System.Text.Encoding.UTF8.GetString((await GossipNode.NextAsync(subscription)).Data.Span));
                }

                Assert.That(received, Is.EquivalentTo(expected));
            }

            // Every router forwarded each message to its whole mesh: the copies arrived and were dropped as duplicates.
            await GossipNode.WaitUntilAsync(() => nodes.Sum(n => n.Router.Statistics.DuplicateMessages) > 0, "duplicates counted");
            await Task.Delay(200);
            Assert.That(subscriptions.Select(s => s.Messages.Count), Is.All.EqualTo(0), "a duplicate was delivered");
        }
        finally
        {
            await DisposeAllAsync(nodes);
        }
    }

    [Test]
    public async Task Heartbeat_EightFullyConnectedHosts_MeshSizesWithinBounds()
    {
        var options = GossipNode.FastOptions(o =>
        {
            o.D = 3;
            o.DLow = 2;
            o.DHigh = 4;
            o.DLazy = 2;
        });
        var nodes = await GossipNode.StartManyAsync(8, options);
        try
        {
            await ConnectAllAsync(nodes);
            var subscriptions = nodes.Select(n => n.Router.Subscribe(Topic)).ToArray();
            foreach (var node in nodes)
            {
                await GossipNode.WaitUntilAsync(() => node.Router.GetTopicPeers(Topic).Count == 7, "topic peers");
            }

            await GossipNode.WaitUntilAsync(
                () => nodes.All(n => n.Router.GetMeshPeers(Topic).Count is >= 2 and <= 4),
                "every mesh within D_lo..D_hi");
            await nodes[0].Router.PublishAsync(Topic, "x"u8.ToArray());
            foreach (var subscription in subscriptions.Skip(1))
            {
                await GossipNode.NextAsync(subscription);
            }

            Assert.That(nodes.Select(n => n.Router.GetMeshPeers(Topic).Count), Is.All.InRange(2, 4));
        }
        finally
        {
            await DisposeAllAsync(nodes);
        }
    }

    [Test]
    public async Task Unsubscribe_LastSubscriptionDisposed_PeersForgetAndStopSending()
    {
        var nodes = await GossipNode.StartManyAsync(2);
        try
        {
            await nodes[0].DialAsync(nodes[1]);
            var first = nodes[0].Router.Subscribe(Topic);
            var leaving = nodes[1].Router.Subscribe(Topic);
            await GossipNode.WaitUntilAsync(() => nodes[0].Router.GetTopicPeers(Topic).Count == 1, "subscription seen");

            await leaving.DisposeAsync();
            await GossipNode.WaitUntilAsync(() => nodes[0].Router.GetTopicPeers(Topic).Count == 0, "unsubscription seen");
            await nodes[0].Router.PublishAsync(Topic, "after"u8.ToArray());

            Assert.Multiple(() =>
            {
                Assert.That(nodes[0].Router.GetMeshPeers(Topic), Is.Empty);
                Assert.That(leaving.Messages.Completion.IsCompleted, Is.True);
                Assert.That(nodes[1].Router.GetMeshPeers(Topic), Is.Empty);
            });
            await first.DisposeAsync();
        }
        finally
        {
            await DisposeAllAsync(nodes);
        }
    }

    [Test]
    public async Task Publish_NoPeers_SucceedsSilently()
    {
        await using var node = await GossipNode.StartAsync();

        await node.Router.PublishAsync(Topic, "alone"u8.ToArray());

        Assert.That(node.Router.Statistics.MessagesPublished, Is.EqualTo(1));
    }

    [Test]
    public async Task Publish_OverMaxMessageSize_Throws()
    {
        await using var node = await GossipNode.StartAsync(GossipNode.FastOptions(o => o.MaxMessageSize = 10));

        Assert.That(() => node.Router.PublishAsync(Topic, new byte[11]), Throws.ArgumentException.With.Message.Contains("MaxMessageSize"));
    }

    [Test]
    public async Task Subscription_SlowReader_DropsOldestAndCounts()
    {
        var nodes = await GossipNode.StartManyAsync(2, GossipNode.FastOptions(o => o.SubscriptionQueueCapacity = 2));
        try
        {
            await nodes[0].DialAsync(nodes[1]);
            var receiving = nodes[1].Router.Subscribe(Topic);
            await GossipNode.WaitUntilAsync(() => nodes[0].Router.GetTopicPeers(Topic).Count == 1, "subscription seen");

            for (var i = 0; i < 5; i++)
            {
                await nodes[0].Router.PublishAsync(Topic, new[] { (byte)i });
            }

            await GossipNode.WaitUntilAsync(() => nodes[1].Router.Statistics.MessagesDelivered == 5, "deliveries");
            var kept = new[] { (await GossipNode.NextAsync(receiving)).Data.Span[0], (await GossipNode.NextAsync(receiving)).Data.Span[0] };

            Assert.Multiple(() =>
            {
                Assert.That(receiving.Dropped, Is.EqualTo(3));
                Assert.That(kept, Is.EqualTo(new byte[] { 3, 4 }));
            });
        }
        finally
        {
            await DisposeAllAsync(nodes);
        }
    }

    private static async Task ConnectAllAsync(GossipNode[] nodes)
    {
        for (var i = 0; i < nodes.Length; i++)
        {
            for (var j = i + 1; j < nodes.Length; j++)
            {
                await nodes[i].DialAsync(nodes[j]);
            }
        }
    }

    private static async Task DisposeAllAsync(GossipNode[] nodes)
    {
        foreach (var node in nodes)
        {
            await node.DisposeAsync();
        }
    }
}
