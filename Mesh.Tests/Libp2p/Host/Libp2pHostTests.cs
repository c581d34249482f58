using Mesh.Libp2p;
using Mesh.Libp2p.Addressing;
using Mesh.Libp2p.Host;
using Mesh.Libp2p.Pnet;
using Mesh.Libp2p.Protocols.Echo;

namespace Mesh.Tests.Libp2p.Host;

[TestFixture]
[CancelAfter(30_000)]
public sealed class Libp2pHostTests
{
    [Test]
    public async Task DialAsync_TwoHosts_BothSeeConnectedAndIdentifiedWithoutBackgroundFailures()
    {
        var mark = LogCapture.Mark();
        await using (var a = await TestHost.StartAsync())
        await using (var b = await TestHost.StartAsync())
        {
            var identifiedByA = WaitFor<PeerIdentifiedEventArgs>(h => a.PeerIdentified += h);
            var connectedAtB = WaitFor<PeerEventArgs>(h => b.PeerConnected += h);

            var peer = await a.DialAsync(b.Address());
            var info = (await identifiedByA).Info;
            var inbound = await connectedAtB;

            Assert.Multiple(() =>
            {
                Assert.That(peer, Is.EqualTo(b.PeerId));
                Assert.That(inbound.Peer, Is.EqualTo(a.PeerId));
                Assert.That(inbound.Direction, Is.EqualTo(ConnectionDirection.Inbound));
                Assert.That(info.Protocols, Does.Contain(EchoProtocol.Id));
                Assert.That(info.ListenAddresses, Does.Contain(b.Address().WithoutPeerId()));
                Assert.That(a.GetPeerInfo(b.PeerId), Is.Not.Null);
            });
        }

        // Closing both hosts is part of the check: no task they own may fail on the way down.
        Assert.That(LogCapture.Since(mark, "[513]"), Is.Empty, "no background task may fail");
    }

    [Test]
    public async Task DialAsync_OverIpv6Loopback_ConnectsAndEchoes()
    {
        await using var a = await TestHost.StartAsync(configure: o => o.ListenAddresses[0] = Multiaddr.Parse("/ip6/::1/tcp/0"));
        await using var b = await TestHost.StartAsync(configure: o => o.ListenAddresses[0] = Multiaddr.Parse("/ip6/::1/tcp/0"));

        Assert.That(b.Address().ToString(), Does.StartWith("/ip6/::1/tcp/"));
        var peer = await a.DialAsync(b.Address());
        await using var stream = await a.OpenStreamAsync(peer, [EchoProtocol.Id]);

        Assert.That(await EchoClient.RoundTripAsync(stream, 50_000), Is.True);
    }

    [Test]
    public async Task DialAsync_DnsName_ResolvesAndConnects()
    {
        await using var a = await TestHost.StartAsync();
        await using var b = await TestHost.StartAsync();
        b.Address().TryGetTcpEndPoint(out var endPoint);

        var peer = await a.DialAsync(Multiaddr.Parse($"/dns4/localhost/tcp/{endPoint!.Port}/p2p/{b.PeerId}"));

        Assert.That(peer, Is.EqualTo(b.PeerId));
    }

    [Test]
    public async Task DialAsync_ConcurrentDialsFromOneSide_ShareOneConnection()
    {
        await using var a = await TestHost.StartAsync();
        await using var b = await TestHost.StartAsync();
        var connects = 0;
        b.PeerConnected += (_, _) => Interlocked.Increment(ref connects);

        var peers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => a.DialAsync(b.Address())));

        Assert.That(peers.Distinct().Single(), Is.EqualTo(b.PeerId));
        await Task.Delay(200);
        Assert.That(connects, Is.EqualTo(1));
    }

    [Test]
    public async Task DialAsync_SimultaneousDialsBothWays_ConvergeOnOneWorkingConnection()
    {
        await using var a = await TestHost.StartAsync();
        await using var b = await TestHost.StartAsync();

        await Task.WhenAll(a.DialAsync(b.Address()), b.DialAsync(a.Address()));
        await Task.Delay(300);

        Assert.Multiple(() =>
        {
            Assert.That(a.ConnectedPeers, Is.EquivalentTo(new[] { b.PeerId }));
            Assert.That(b.ConnectedPeers, Is.EquivalentTo(new[] { a.PeerId }));
        });
        await using var stream = await a.OpenStreamAsync(b.PeerId, [EchoProtocol.Id]);
        Assert.That(await EchoClient.RoundTripAsync(stream, 100_000), Is.True);
    }

    [Test]
    public async Task DisconnectAsync_ConnectedPeer_RaisesDisconnectedOnBothSides()
    {
        await using var a = await TestHost.StartAsync();
        await using var b = await TestHost.StartAsync();
        await a.DialAsync(b.Address());
        var lostAtA = WaitFor<PeerEventArgs>(h => a.PeerDisconnected += h);
        var lostAtB = WaitFor<PeerEventArgs>(h => b.PeerDisconnected += h);

        await a.DisconnectAsync(b.PeerId);

        Assert.That((await lostAtA).Peer, Is.EqualTo(b.PeerId));
        Assert.That((await lostAtB).Peer, Is.EqualTo(a.PeerId));
        Assert.That(a.ConnectedPeers, Is.Empty);
    }

    [Test]
    public async Task DialAsync_RedialRightAfterDisconnect_NewConnectionServesStreams()
    {
        await using var a = await TestHost.StartAsync();
        await using var b = await TestHost.StartAsync();
        for (var round = 0; round < 20; round++)
        {
            var peer = await a.DialAsync(b.Address());
            await using (var stream = await a.OpenStreamAsync(peer, [EchoProtocol.Id]))
            {
                Assert.That(await EchoClient.RoundTripAsync(stream, 100), Is.True, $"round {round}");
            }

            await a.DisconnectAsync(peer);
        }
    }

    [Test]
    public async Task OpenStreamAsync_ConnectionCloses_StreamsConnectionClosingFires()
    {
        await using var a = await TestHost.StartAsync();
        await using var b = await TestHost.StartAsync();
        var peer = await a.DialAsync(b.Address());
        await using var stream = await a.OpenStreamAsync(peer, [EchoProtocol.Id]);
        Assert.That(stream.ConnectionClosing.IsCancellationRequested, Is.False);

        await a.DisconnectAsync(peer);

        Assert.That(stream.ConnectionClosing.IsCancellationRequested, Is.True);
    }

    [Test]
    public async Task DialAsync_WrongPeerIdInAddress_FailsAndStaysDisconnected()
    {
        await using var a = await TestHost.StartAsync();
        await using var b = await TestHost.StartAsync();
        await using var c = await TestHost.StartAsync();
        var lying = b.Address().WithPeerId(c.PeerId);

        Assert.ThrowsAsync<Libp2pException>(() => a.DialAsync(lying));
        Assert.That(a.ConnectedPeers, Is.Empty);
    }

    [Test]
    public async Task DialAsync_DifferentMeshKeys_Fails()
    {
        await using var a = await TestHost.StartAsync(PreSharedKey.Generate(), o => o.DialTimeout = TimeSpan.FromSeconds(1));
        await using var b = await TestHost.StartAsync(PreSharedKey.Generate());

        Assert.ThrowsAsync<Libp2pException>(() => a.DialAsync(b.Address()));
        Assert.That(b.ConnectedPeers, Is.Empty);
    }

    [Test]
    public async Task SetStreamHandler_AfterConnect_PeerLearnsNewProtocolByPush()
    {
        await using var a = await TestHost.StartAsync();
        await using var b = await TestHost.StartAsync();
        var identifiedByA = WaitFor<PeerIdentifiedEventArgs>(h => a.PeerIdentified += h);
        var identifiedByB = WaitFor<PeerIdentifiedEventArgs>(h => b.PeerIdentified += h);
        await a.DialAsync(b.Address());
        await Task.WhenAll(identifiedByA, identifiedByB);
        var pushed = new TaskCompletionSource<PeerInfo>(TaskCreationOptions.RunContinuationsAsynchronously);
        a.PeerIdentified += (_, e) =>
        {
            if (e.Info.Protocols.Contains("/test/new/1.0.0"))
            {
                pushed.TrySetResult(e.Info);
            }
        };

        b.SetStreamHandler("/test/new/1.0.0", (stream, ct) => Task.CompletedTask);

        Assert.That((await pushed.Task.WaitAsync(TimeSpan.FromSeconds(5))).Peer, Is.EqualTo(b.PeerId));
    }

    [Test]
    public async Task StreamHandler_Throws_StreamResetAndConnectionSurvives()
    {
        await using var a = await TestHost.StartAsync();
        await using var b = await TestHost.StartAsync();
        b.SetStreamHandler("/test/broken/1.0.0", (_, _) => throw new InvalidOperationException("handler bug"));
        var peer = await a.DialAsync(b.Address());

        // The reset may overtake the negotiation's echo, so it can surface in OpenStreamAsync or on first read.
        Assert.That(await FailsAsync(async () =>
        {
            await using var broken = await a.OpenStreamAsync(peer, ["/test/broken/1.0.0"]);
            return await EchoClient.RoundTripAsync(broken, 10);
        }), Is.True);

        Assert.That(await LogCapture.WaitForAsync(TimeSpan.FromSeconds(5), "/test/broken/1.0.0", "handler bug"), Is.Not.Null);
        await using var echo = await a.OpenStreamAsync(peer, [EchoProtocol.Id]);
        Assert.That(await EchoClient.RoundTripAsync(echo, 1000), Is.True);
    }

    [Test]
    public void Constructor_InvalidOption_ThrowsNamingIt()
    {
        var options = new Libp2pHostOptions { DialTimeout = TimeSpan.Zero };

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new Libp2pHost(Mesh.Libp2p.Identity.IdentityKey.Generate(), options));

        Assert.That(ex!.Message, Does.Contain("DialTimeout"));
    }

    private static async Task<bool> FailsAsync(Func<Task<bool>> exchange)
    {
        try
        {
            return !await exchange();
        }
        catch (Libp2pException)
        {
            return true;
        }
    }

    private static Task<T> WaitFor<T>(Action<EventHandler<T>> subscribe)
    {
        var seen = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        subscribe((_, e) => seen.TrySetResult(e));
        return seen.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
