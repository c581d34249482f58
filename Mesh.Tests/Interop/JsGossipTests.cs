using Mesh.Libp2p.Addressing;
using Mesh.Libp2p.Identity;
using Mesh.Tests.Libp2p.PubSub;

namespace Mesh.Tests.Interop;

/// <summary>Mesh's gossipsub against js-libp2p's <c>@libp2p/gossipsub</c> 17 over loopback, messages both ways.</summary>
[TestFixture]
[NonParallelizable]
[CancelAfter(120_000)]
public sealed class JsGossipTests
{
    private const string Topic = "mesh-interop";

    [Test]
    public async Task CSharpDialsJs_BothSubscribe_MessagesFlowBothWays()
    {
        await using var js = await JsPeer.StartAsync(gossip: true);
        await using var node = await GossipNode.StartAsync();
        var subscription = node.Router.Subscribe(Topic);
        await js.CommandAsync("subscribe", new { topic = Topic });

        var jsPeer = await node.Host.DialAsync(Multiaddr.Parse(js.Addresses[0]));
        await GossipNode.WaitUntilAsync(() => node.Router.GetTopicPeers(Topic).Contains(jsPeer), "js subscription seen", 20);
        await WaitForJsSubscriberAsync(js, node.PeerId);

        // C# -> js.
        await node.Router.PublishAsync(Topic, "from-csharp"u8.ToArray());
        var atJs = await js.WaitForEventAsync("message", e => e["topic"]?.GetValue<string>() == Topic, TimeSpan.FromSeconds(20));

        // js -> C#.
        var published = await js.CommandAsync("publish", new { topic = Topic, dataBase64 = Convert.ToBase64String("from-js"u8) });
        var atCSharp = await GossipNode.NextAsync(subscription, 20);

        Assert.Multiple(() =>
        {
            Assert.That(Convert.FromBase64String(atJs["dataBase64"]!.GetValue<string>()), Is.EqualTo("from-csharp"u8.ToArray()));
            Assert.That(atJs["from"]!.GetValue<string>(), Is.EqualTo(node.PeerId.ToString()));
            Assert.That(published["recipients"]!.AsArray().Select(r => r!.GetValue<string>()), Does.Contain(node.PeerId.ToString()));
            Assert.That(atCSharp.Data.ToArray(), Is.EqualTo("from-js"u8.ToArray()));
            Assert.That(atCSharp.From, Is.EqualTo(PeerId.Parse(js.PeerId)));
            Assert.That(node.Router.Statistics.InvalidSignatures + node.Router.Statistics.UnsignedMessages, Is.Zero);
        });
    }

    [Test]
    public async Task JsDialsCSharp_MeshFormsAndMessagesFlowBothWays()
    {
        await using var node = await GossipNode.StartAsync();
        await using var js = await JsPeer.StartAsync(gossip: true);
        var subscription = node.Router.Subscribe(Topic);
        await js.CommandAsync("subscribe", new { topic = Topic });

        await js.CommandAsync("dial", new { addr = node.Host.ListenAddresses[0].ToString() });
        var jsPeer = PeerId.Parse(js.PeerId);
        await GossipNode.WaitUntilAsync(() => node.Router.GetMeshPeers(Topic).Contains(jsPeer), "js in our mesh", 20);
        await WaitForJsSubscriberAsync(js, node.PeerId);

        var published = await js.CommandAsync("publish", new { topic = Topic, dataBase64 = Convert.ToBase64String("js-first"u8) });
        var atCSharp = await GossipNode.NextAsync(subscription, 20);
        await node.Router.PublishAsync(Topic, "csharp-reply"u8.ToArray());
        var atJs = await js.WaitForEventAsync("message", e => e["topic"]?.GetValue<string>() == Topic, TimeSpan.FromSeconds(20));

        Assert.Multiple(() =>
        {
            Assert.That(atCSharp.Data.ToArray(), Is.EqualTo("js-first"u8.ToArray()));
            Assert.That(Convert.FromBase64String(atJs["dataBase64"]!.GetValue<string>()), Is.EqualTo("csharp-reply"u8.ToArray()));
            Assert.That(published["recipients"]!.AsArray(), Has.Count.EqualTo(1));
        });
    }

    private static async Task WaitForJsSubscriberAsync(JsPeer js, PeerId peer)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var reply = await js.CommandAsync("subscribers", new { topic = Topic });
            if (reply["peers"]!.AsArray().Any(p => p!.GetValue<string>() == peer.ToString()))
            {
                return;
            }

            if (timeout.IsCancellationRequested)
            {
                Assert.Fail($"js never saw {peer} subscribe to {Topic}.\n--- js stderr ---\n{js.Stderr}");
            }

            await Task.Delay(50);
        }
    }
}
