using Mesh.Libp2p.Addressing;
using Mesh.Libp2p.Discovery;
using Mesh.Libp2p.Host;
using Mesh.Libp2p.Identity;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Mesh.Tests.Libp2p.Discovery;

/// <summary>The responder and parser of <see cref="MdnsDiscovery"/> fed packets in memory: no socket is opened.</summary>
public class MdnsDiscoveryTests
{
    private static readonly PeerId JsPeer = PeerId.Parse(DnsVectors.JsPeerId);
    private readonly PeerId _self = IdentityKey.Generate().PeerId;
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UnixEpoch);
    private Mock<ILibp2pHost> _host = null!;
    private List<PeerId> _connected = null!;

    [SetUp]
    public void SetUp()
    {
        _connected = [];
        _host = new Mock<ILibp2pHost>();
        _host.SetupGet(h => h.PeerId).Returns(_self);
        _host.SetupGet(h => h.ConnectedPeers).Returns(() => _connected.ToArray());
        _host.SetupGet(h => h.ListenAddresses).Returns(
        [
            Multiaddr.Parse($"/ip4/10.20.30.40/tcp/4001/p2p/{_self}"),
            Multiaddr.Parse($"/ip4/8.8.8.8/tcp/4001/p2p/{_self}"),
            Multiaddr.Parse($"/ip4/127.0.0.1/tcp/4001/p2p/{_self}"),
        ]);
        _host.Setup(h => h.DialAsync(It.IsAny<Multiaddr>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new Mesh.Libp2p.Libp2pException("unreachable"));
    }

    [Test]
    public async Task HandlePacket_JsQuery_AnswersWithPtrAndPrivateAddresses()
    {
        await using var discovery = Create();

        var answer = discovery.HandlePacket(DnsVectors.Query, "test");

        Assert.That(answer, Is.Not.Null);
        Assert.That(DnsMessageReader.TryRead(answer, out var message), Is.True);
        var texts = message!.Answers.Where(r => r.Type == DnsRecordType.Txt).Select(r => System.Text.Encoding.UTF8.GetString(r.Strings.Single()));
        Assert.Multiple(() =>
        {
            Assert.That(message.Flags, Is.EqualTo(DnsMessage.ResponseFlags));
            Assert.That(message.Answers[0].Type, Is.EqualTo(DnsRecordType.NamePointer));
            Assert.That(message.Answers[0].Target, Is.EqualTo(discovery.PeerName + "._p2p._udp.local"));
            Assert.That(message.Answers[0].Ttl, Is.EqualTo(120));
            Assert.That(texts, Is.EqualTo(new[] { $"dnsaddr=/ip4/10.20.30.40/tcp/4001/p2p/{_self}", $"dnsaddr=/ip4/127.0.0.1/tcp/4001/p2p/{_self}" }));
            Assert.That(discovery.Statistics.QueriesAnswered, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task HandlePacket_QueryWithoutAdvertisableAddress_DoesNotAnswer()
    {
        _host.SetupGet(h => h.ListenAddresses).Returns([Multiaddr.Parse($"/ip4/8.8.8.8/tcp/4001/p2p/{_self}"), Multiaddr.Parse("/ip4/10.0.0.1/tcp/1")]);
        await using var discovery = Create();

        Assert.That(discovery.HandlePacket(DnsVectors.Query, "test"), Is.Null);
    }

    [Test]
    public async Task HandlePacket_QueryForAnotherService_DoesNotAnswer()
    {
        await using var discovery = Create();
        var other = DnsMessageWriter.Write(new DnsMessage { Questions = [new DnsQuestion("_http._tcp.local", DnsRecordType.NamePointer)] });

        Assert.That(discovery.HandlePacket(other, "test"), Is.Null);
    }

    [Test]
    public async Task HandlePacket_JsResponse_RaisesPeerDiscoveredAndDials()
    {
        await using var discovery = Create();
        var found = new List<PeerDiscoveredEventArgs>();
        discovery.PeerDiscovered += (_, e) => found.Add(e);

        Assert.That(discovery.HandlePacket(DnsVectors.Response, "test"), Is.Null);
        await WaitForAsync(() => discovery.Statistics.DialsFailed == 1);

        Assert.Multiple(() =>
        {
            Assert.That(found, Has.Count.EqualTo(1));
            Assert.That(found[0].Peer, Is.EqualTo(JsPeer));
            Assert.That(found[0].Addresses, Is.EqualTo(new[] { Multiaddr.Parse(DnsVectors.JsAddress) }));
        });
        _host.Verify(h => h.DialAsync(Multiaddr.Parse(DnsVectors.JsAddress), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task HandlePacket_SameResponseTwice_RaisesOnceAndBacksOffDialing()
    {
        await using var discovery = Create();
        var found = 0;
        discovery.PeerDiscovered += (_, _) => found++;

        discovery.HandlePacket(DnsVectors.Response, "test");
        await WaitForAsync(() => discovery.Statistics.DialsFailed == 1);
        discovery.HandlePacket(DnsVectors.Response, "test");

        Assert.Multiple(() =>
        {
            Assert.That(found, Is.EqualTo(1));
            Assert.That(discovery.Statistics.DialsStarted, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task HandlePacket_ResponseAfterBackoff_DialsAgain()
    {
        await using var discovery = Create();

        discovery.HandlePacket(DnsVectors.Response, "test");
        await WaitForAsync(() => discovery.Statistics.DialsFailed == 1);
        _time.Advance(TimeSpan.FromSeconds(5));
        discovery.HandlePacket(DnsVectors.Response, "test");
        await WaitForAsync(() => discovery.Statistics.DialsFailed == 2);

        Assert.That(discovery.Statistics.DialsStarted, Is.EqualTo(2));
    }

    [Test]
    public async Task HandlePacket_ResponseFromConnectedPeer_DoesNotDial()
    {
        _connected.Add(JsPeer);
        await using var discovery = Create();

        discovery.HandlePacket(DnsVectors.Response, "test");

        Assert.That(discovery.Statistics.DialsStarted, Is.Zero);
        _host.Verify(h => h.DialAsync(It.IsAny<Multiaddr>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task HandlePacket_OwnAnswer_IsIgnored()
    {
        await using var discovery = Create();
        var found = 0;
        discovery.PeerDiscovered += (_, _) => found++;
        var own = discovery.HandlePacket(DnsVectors.Query, "test")!;

        discovery.HandlePacket(own, "test");

        Assert.Multiple(() =>
        {
            Assert.That(found, Is.Zero);
            Assert.That(discovery.Statistics.ResponsesAccepted, Is.Zero);
        });
    }

    [Test]
    public async Task HandlePacket_ResponseWithoutDnsAddr_IsIgnored()
    {
        await using var discovery = Create();
        var response = DnsMessageWriter.Write(new DnsMessage
        {
            Flags = DnsMessage.ResponseFlags,
            Answers =
            [
                DnsRecord.NamePointer("_p2p._udp.local", "x._p2p._udp.local", 120),
                DnsRecord.Txt("x._p2p._udp.local", [System.Text.Encoding.ASCII.GetBytes("dnsaddr=/not/a/multiaddr"), "other=1"u8.ToArray()], 120),
            ],
        });

        discovery.HandlePacket(response, "test");

        Assert.That(discovery.Statistics.ResponsesAccepted, Is.Zero);
    }

    [Test]
    public async Task HandlePacket_Garbage_IsCountedAndDropped()
    {
        await using var discovery = Create();
        var random = new Random(7003);

        for (var i = 0; i < 1000; i++)
        {
            var packet = new byte[random.Next(3, 64)];
            random.NextBytes(packet);
            packet[2] |= 0x80;
            discovery.HandlePacket(packet, "test");
        }

        Assert.Multiple(() =>
        {
            Assert.That(discovery.Statistics.PacketsReceived, Is.EqualTo(1000));
            Assert.That(discovery.Statistics.MalformedPackets, Is.GreaterThan(900));
        });
        Assert.That(discovery.HandlePacket(DnsVectors.Query, "test"), Is.Not.Null, "still answers after garbage");
    }

    [Test]
    public async Task HandlePacket_QueryFlood_IsRateLimited()
    {
        await using var discovery = Create();

        var answers = Enumerable.Range(0, 45).Count(_ => discovery.HandlePacket(DnsVectors.Query, "test") is not null);

        Assert.Multiple(() =>
        {
            Assert.That(answers, Is.EqualTo(32));
            Assert.That(discovery.Statistics.AnswersRateLimited, Is.EqualTo(13));
        });
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.That(discovery.HandlePacket(DnsVectors.Query, "test"), Is.Not.Null);
    }

    [Test]
    public void PeerName_IsLowerCaseAlphanumericOfConfiguredLength()
    {
        var discovery = new MdnsDiscovery(_host.Object, new MdnsOptions { PeerNameLength = 32 }, TestLogging.Factory, _time);

        Assert.That(discovery.PeerName, Does.Match("^[a-z0-9]{32}$"));
    }

    [TestCase(31)]
    [TestCase(64)]
    public void Constructor_PeerNameLengthOutOfRange_Throws(int length)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new MdnsDiscovery(_host.Object, new MdnsOptions { PeerNameLength = length }));
        Assert.That(ex!.ParamName, Is.EqualTo(nameof(MdnsOptions.PeerNameLength)));
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (!condition())
        {
            await Task.Delay(5, cts.Token);
        }
    }

    private MdnsDiscovery Create() => new(_host.Object, new MdnsOptions(), TestLogging.Factory, _time);
}
