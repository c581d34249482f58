using Mesh.Libp2p.Host;
using Mesh.Libp2p.Identity;
using Mesh.Libp2p.PubSub;

namespace Mesh.Tests.Libp2p.PubSub;

/// <summary>
/// Peer exchange (gossipsub v1.1 PX on PRUNE): a router under test whose heartbeat never fires, so its mesh changes
/// only through the GRAFTs and PRUNEs a test scripts, and a <see cref="ScriptedGossipPeer"/> that sends them.
/// </summary>
[CancelAfter(30_000)]
public sealed class GossipsubPeerExchangeTests
{
    private const string Topic = "px";

    [TestCase(true, 1)]
    [TestCase(false, 0)]
    public async Task Graft_IntoFullMesh_PruneListsOtherTopicPeersOnlyWhenEnabled(bool doPeerExchange, int listed)
    {
        await using var router = await GossipNode.StartAsync(QuietOptions(o =>
        {
            o.D = o.DLow = o.DHigh = 1;
            o.DoPeerExchange = doPeerExchange;
        }));
        await using var subscription = router.Router.Subscribe(Topic);
        await using var member = await GossipNode.StartAsync();
        await using var memberSubscription = member.Router.Subscribe(Topic);
        await member.DialAsync(router);
        await GossipNode.WaitUntilAsync(() => router.Router.GetMeshPeers(Topic).Contains(member.PeerId), "the member in the router's mesh");
        await using var scripted = await ScriptedGossipPeer.StartAsync();

        await JoinAsync(scripted, router, graft: true);
        var reply = await scripted.ReceiveAsync(r => r.Control?.Prune.Count > 0);

        var prune = reply.Control!.Prune.Single();
        Assert.Multiple(() =>
        {
            Assert.That(prune.Topic, Is.EqualTo(Topic));
            Assert.That(prune.BackoffSeconds, Is.EqualTo(60));
            Assert.That(prune.Peers.Select(p => PeerId.TryFromBytes(p.PeerId, out var id) ? id : null), Is.EqualTo(Enumerable.Repeat(member.PeerId, listed)));
            Assert.That(prune.Peers.All(p => p.SignedPeerRecord is null), Is.True, "this host produces no signed peer records");
            Assert.That(router.Router.Statistics.PeerExchangeSent, Is.EqualTo(listed));
            Assert.That(router.Router.GetMeshPeers(Topic), Is.EqualTo(new[] { member.PeerId }));
        });
    }

    [Test]
    public async Task Prune_FromMeshPeerNamingKnownPeer_RouterConnectsOnceToIt()
    {
        await using var router = await GossipNode.StartAsync(QuietOptions());
        await using var subscription = router.Router.Subscribe(Topic);
        await using var known = await TestHost.StartAsync();
        await KnowButDisconnectAsync(router, known);
        await using var scripted = await ScriptedGossipPeer.StartAsync();
        await JoinAsync(scripted, router, graft: true);
        await GossipNode.WaitUntilAsync(() => router.Router.GetMeshPeers(Topic).Contains(scripted.PeerId), "the scripted peer in the mesh");

        var entry = new PeerExchangeInfo(known.PeerId.Bytes.ToArray(), null);
        await scripted.SendAsync(Prune([entry, entry, entry]));

        await GossipNode.WaitUntilAsync(() => router.Host.ConnectedPeers.Contains(known.PeerId), "a connection to the suggested peer");
        await GossipNode.WaitUntilAsync(() => router.Router.Statistics.PeerExchangeConnections == 1, "the PX dial to finish");
        var stats = router.Router.Statistics;
        Assert.Multiple(() =>
        {
            Assert.That(stats.PeerExchangeReceived, Is.EqualTo(3));
            Assert.That(stats.PeerExchangeDials, Is.EqualTo(1));
            Assert.That(stats.PeerExchangeSkipped, Is.EqualTo(2), "the same peer named again is not dialed again");
            Assert.That(router.Router.GetMeshPeers(Topic), Is.Empty);
        });
    }

    [Test]
    public async Task Prune_NamingUnknownPeerWithItsSignedRecord_RouterDialsTheCertifiedAddress()
    {
        await using var router = await GossipNode.StartAsync(QuietOptions());
        await using var subscription = router.Router.Subscribe(Topic);
        var strangerKey = IdentityKey.Generate();
        await using var stranger = await StartHostAsync(strangerKey);
        await using var scripted = await ScriptedGossipPeer.StartAsync();
        await JoinAsync(scripted, router, graft: true);
        await GossipNode.WaitUntilAsync(() => router.Router.GetMeshPeers(Topic).Contains(scripted.PeerId), "the scripted peer in the mesh");

        var record = PeerRecordEnvelopes.Create(strangerKey, [stranger.Address().WithoutPeerId()]);
        await scripted.SendAsync(Prune([new PeerExchangeInfo(strangerKey.PeerId.Bytes.ToArray(), record)]));

        await GossipNode.WaitUntilAsync(() => router.Router.Statistics.PeerExchangeConnections == 1, "the PX dial to connect");
        Assert.Multiple(() =>
        {
            Assert.That(router.Host.ConnectedPeers, Does.Contain(stranger.PeerId));
            Assert.That(router.Router.Statistics.PeerExchangeInvalidRecords, Is.Zero);
        });
    }

    [Test]
    public async Task Prune_NamingUnknownPeerWithForgedRecord_NotDialedAndCounted()
    {
        await using var router = await GossipNode.StartAsync(QuietOptions());
        await using var subscription = router.Router.Subscribe(Topic);
        var strangerKey = IdentityKey.Generate();
        await using var stranger = await StartHostAsync(strangerKey);
        await using var scripted = await ScriptedGossipPeer.StartAsync();
        await JoinAsync(scripted, router, graft: true);
        await GossipNode.WaitUntilAsync(() => router.Router.GetMeshPeers(Topic).Contains(scripted.PeerId), "the scripted peer in the mesh");

        var forged = PeerRecordEnvelopes.Create(scripted.Key, strangerKey.PeerId, [stranger.Address().WithoutPeerId()]);
        await scripted.SendAsync(Prune([new PeerExchangeInfo(strangerKey.PeerId.Bytes.ToArray(), forged)]));
        await ExpectStillServedAsync(scripted, subscription);

        Assert.Multiple(() =>
        {
            Assert.That(router.Router.Statistics.PeerExchangeInvalidRecords, Is.EqualTo(1));
            Assert.That(router.Router.Statistics.PeerExchangeDials, Is.Zero);
            Assert.That(router.Host.ConnectedPeers, Does.Not.Contain(stranger.PeerId));
        });
    }

    [TestCase(false, true)]
    [TestCase(true, false)]
    public async Task Prune_NotAcceptable_PeerExchangeIgnoredAndCounted(bool inMesh, bool acceptPeerExchange)
    {
        await using var router = await GossipNode.StartAsync(QuietOptions(o => o.AcceptPeerExchange = acceptPeerExchange));
        await using var subscription = router.Router.Subscribe(Topic);
        await using var known = await TestHost.StartAsync();
        await KnowButDisconnectAsync(router, known);
        await using var scripted = await ScriptedGossipPeer.StartAsync();
        await JoinAsync(scripted, router, graft: inMesh);

        await scripted.SendAsync(Prune([new PeerExchangeInfo(known.PeerId.Bytes.ToArray(), null)]));
        await ExpectStillServedAsync(scripted, subscription);

        var stats = router.Router.Statistics;
        Assert.Multiple(() =>
        {
            Assert.That(stats.PeerExchangeIgnored, Is.EqualTo(1));
            Assert.That(stats.PeerExchangeReceived, Is.Zero);
            Assert.That(stats.PeerExchangeDials, Is.Zero);
            Assert.That(router.Host.ConnectedPeers, Does.Not.Contain(known.PeerId));
        });
    }

    [Test]
    public async Task Prune_ThousandsOfEntriesOverDecodeLimit_WholeRpcDroppedAsMalformed()
    {
        await using var router = await GossipNode.StartAsync(QuietOptions());
        await using var subscription = router.Router.Subscribe(Topic);
        await using var scripted = await ScriptedGossipPeer.StartAsync();
        await JoinAsync(scripted, router, graft: true);
        await GossipNode.WaitUntilAsync(() => router.Router.GetMeshPeers(Topic).Contains(scripted.PeerId), "the scripted peer in the mesh");

        await scripted.SendAsync(Prune([.. Enumerable.Range(0, 3000).Select(_ => new PeerExchangeInfo(IdentityKey.Generate().PeerId.Bytes.ToArray(), null))]));
        await ExpectStillServedAsync(scripted, subscription);

        var stats = router.Router.Statistics;
        Assert.Multiple(() =>
        {
            Assert.That(stats.MalformedRpcs, Is.EqualTo(1));
            Assert.That(stats.PeerExchangeReceived + stats.PeerExchangeDials, Is.Zero);
            Assert.That(router.Router.GetMeshPeers(Topic), Does.Contain(scripted.PeerId), "the rejected PRUNE was not applied");
        });
    }

    [Test]
    public async Task Prune_HostileEntriesUnderRaisedDecodeLimit_OnlyPrunePeersLookedAtAndAllCounted()
    {
        await using var router = await GossipNode.StartAsync(QuietOptions(o =>
        {
            o.RpcLimits.MaxPrunePeers = 5000;
            o.PrunePeers = 4;
        }));
        await using var subscription = router.Router.Subscribe(Topic);
        await using var scripted = await ScriptedGossipPeer.StartAsync();
        await JoinAsync(scripted, router, graft: true);
        await GossipNode.WaitUntilAsync(() => router.Router.GetMeshPeers(Topic).Contains(scripted.PeerId), "the scripted peer in the mesh");
        var garbage = Enumerable.Range(0, 1000).Select(i => new PeerExchangeInfo([0xff, (byte)i, 0x01], null));
        var missing = Enumerable.Range(0, 1000).Select(_ => new PeerExchangeInfo(null, [0x0a, 0x00]));
        var self = Enumerable.Range(0, 1000).Select(_ => new PeerExchangeInfo(router.PeerId.Bytes.ToArray(), [1, 2, 3]));

        await scripted.SendAsync(Prune([.. garbage, .. missing, .. self]));
        await ExpectStillServedAsync(scripted, subscription);

        var stats = router.Router.Statistics;
        Assert.Multiple(() =>
        {
            Assert.That(stats.PeerExchangeReceived, Is.EqualTo(3000));
            Assert.That(stats.PeerExchangeDropped, Is.EqualTo(2996), "beyond PrunePeers");
            Assert.That(stats.PeerExchangeInvalid, Is.EqualTo(4));
            Assert.That(stats.PeerExchangeInvalidRecords, Is.Zero, "entries with bad ids are never looked into");
            Assert.That(stats.PeerExchangeDials, Is.Zero);
            Assert.That(router.Router.GetMeshPeers(Topic), Is.Empty);
        });
    }

    private static async Task<Libp2pHost> StartHostAsync(IdentityKey key)
    {
        var options = new Libp2pHostOptions();
        options.ListenAddresses.Add(Mesh.Libp2p.Addressing.Multiaddr.Parse("/ip4/127.0.0.1/tcp/0"));
        var host = new Libp2pHost(key, options, TestLogging.Factory);
        await host.StartAsync();
        return host;
    }

    /// <summary>A heartbeat that never fires during a test: meshes change only through scripted GRAFT and PRUNE.</summary>
    private static GossipsubOptions QuietOptions(Action<GossipsubOptions>? configure = null)
    {
        var options = new GossipsubOptions
        {
            HeartbeatInterval = TimeSpan.FromMinutes(10),
            HeartbeatInitialDelay = TimeSpan.FromMinutes(10),
        };
        configure?.Invoke(options);
        return options;
    }

    private static GossipRpc Prune(PeerExchangeInfo[] peers) =>
        GossipRpc.OfControl(new ControlMessage([], [], [], [new ControlPrune(Topic, peers, 60)]));

    /// <summary>The router identifies <paramref name="other"/> (so its host learns the address), then they disconnect.</summary>
    private static async Task KnowButDisconnectAsync(GossipNode router, Libp2pHost other)
    {
        await router.Host.DialAsync(other.Address());
        await GossipNode.WaitUntilAsync(() => router.Host.TryGetKnownAddresses(other.PeerId, out _), "identify of the other host");
        await router.Host.DisconnectAsync(other.PeerId);
        await GossipNode.WaitUntilAsync(() => !router.Host.ConnectedPeers.Contains(other.PeerId), "the disconnect");
    }

    /// <summary>
    /// Connects, waits for the router's subscriptions (so its stream to us is open and it knows we speak v1.1), then
    /// subscribes and, when asked, GRAFTs.
    /// </summary>
    private static async Task JoinAsync(ScriptedGossipPeer scripted, GossipNode router, bool graft)
    {
        await scripted.ConnectAsync(router);
        await scripted.ReceiveAsync(r => r.Subscriptions.Any(s => s.Subscribe && s.Topic == Topic));
        await scripted.SendAsync(new GossipRpc(
            [new SubscriptionChange(true, Topic)],
            [],
            graft ? new ControlMessage([], [], [new ControlGraft(Topic)], []) : null));
    }

    /// <summary>A valid message after the scripted RPCs arrives, so the router has handled them all.</summary>
    private static async Task ExpectStillServedAsync(ScriptedGossipPeer scripted, TopicSubscription subscription)
    {
        await scripted.SendAsync(GossipRpc.OfMessages(GossipMessageSigning.Sign(scripted.Key, Topic, "still served"u8, 7)));
        var delivered = await GossipNode.NextAsync(subscription);
        Assert.That(delivered.From, Is.EqualTo(scripted.PeerId));
    }
}
