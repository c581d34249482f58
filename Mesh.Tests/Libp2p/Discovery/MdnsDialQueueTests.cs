using Mesh.Libp2p.Addressing;
using Mesh.Libp2p.Discovery;
using Mesh.Libp2p.Host;
using Mesh.Libp2p.Identity;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Mesh.Tests.Libp2p.Discovery;

/// <summary>Peers discovered while every dial slot is busy wait for one, instead of waiting for the next query round.</summary>
public class MdnsDialQueueTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UnixEpoch);
    private readonly Dictionary<Multiaddr, TaskCompletionSource> _dials = [];
    private readonly Lock _gate = new();
    private Mock<ILibp2pHost> _host = null!;
    private List<PeerId> _connected = null!;

    [SetUp]
    public void SetUp()
    {
        _connected = [];
        var self = IdentityKey.Generate().PeerId;
        _host = new Mock<ILibp2pHost>();
        _host.SetupGet(h => h.PeerId).Returns(self);
        _host.SetupGet(h => h.ConnectedPeers).Returns(() => { lock (_gate) { return _connected.ToArray(); } });
        _host.SetupGet(h => h.ListenAddresses).Returns([Multiaddr.Parse($"/ip4/10.0.0.1/tcp/4001/p2p/{self}")]);
        _host.Setup(h => h.DialAsync(It.IsAny<Multiaddr>(), It.IsAny<CancellationToken>()))
            .Returns(async (Multiaddr address, CancellationToken cancellationToken) =>
            {
                // A dial that ends when the test connects the peer, or when discovery stops.
                var pending = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                lock (_gate)
                {
                    _dials[address] = pending;
                }

                await using var stop = cancellationToken.Register(() => pending.TrySetCanceled(cancellationToken));
                await pending.Task;
                return address.PeerId!;
            });
    }

    [Test]
    public async Task HandlePacket_MorePeersThanDialSlots_DialsTheRestAsSlotsFree()
    {
        await using var discovery = Create(maxConcurrentDials: 1);
        var (first, firstAddress) = Answer(discovery, 1);
        var (_, secondAddress) = Answer(discovery, 2);
        await WaitForAsync(() => Dialed(firstAddress));

        Assert.Multiple(() =>
        {
            Assert.That(Dialed(secondAddress), Is.False, "one slot: the second peer waits");
            Assert.That(discovery.Statistics.DialsStarted, Is.EqualTo(1));
        });

        Connect(first, firstAddress);
        await WaitForAsync(() => Dialed(secondAddress));
        Assert.That(discovery.Statistics.DialsStarted, Is.EqualTo(2));
    }

    [Test]
    public async Task HandlePacket_WaitingPeerConnectsMeanwhile_IsNotDialed()
    {
        await using var discovery = Create(maxConcurrentDials: 1);
        var (first, firstAddress) = Answer(discovery, 1);
        var (second, secondAddress) = Answer(discovery, 2);
        var (_, thirdAddress) = Answer(discovery, 3);
        await WaitForAsync(() => Dialed(firstAddress));

        // The second peer dials us while it waits: it is skipped and the third gets the slot.
        lock (_gate)
        {
            _connected.Add(second);
        }

        Connect(first, firstAddress);
        await WaitForAsync(() => Dialed(thirdAddress));
        Assert.Multiple(() =>
        {
            Assert.That(Dialed(secondAddress), Is.False);
            Assert.That(discovery.Statistics.DialsStarted, Is.EqualTo(2));
        });
    }

    private static (PeerId Peer, Multiaddr Address) Answer(MdnsDiscovery discovery, int host)
    {
        var peer = IdentityKey.Generate().PeerId;
        var address = Multiaddr.Parse($"/ip4/10.0.0.{host + 1}/tcp/4001/p2p/{peer}");
        var response = DnsMessageWriter.Write(new DnsMessage
        {
            Flags = DnsMessage.ResponseFlags,
            Answers =
            [
                DnsRecord.NamePointer("_p2p._udp.local", $"peer{host}._p2p._udp.local", 120),
                DnsRecord.Txt($"peer{host}._p2p._udp.local", [System.Text.Encoding.UTF8.GetBytes("dnsaddr=" + address)], 120),
            ],
        });
        Assert.That(discovery.HandlePacket(response, "test"), Is.Null);
        return (peer, address);
    }

    private bool Dialed(Multiaddr address)
    {
        lock (_gate)
        {
            return _dials.ContainsKey(address);
        }
    }

    private void Connect(PeerId peer, Multiaddr address)
    {
        TaskCompletionSource dial;
        lock (_gate)
        {
            _connected.Add(peer);
            dial = _dials[address];
        }

        dial.SetResult();
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (!condition())
        {
            await Task.Delay(5, cts.Token);
        }
    }

    private MdnsDiscovery Create(int maxConcurrentDials) =>
        new(_host.Object, new MdnsOptions { MaxConcurrentDials = maxConcurrentDials }, TestLogging.Factory, _time);
}
