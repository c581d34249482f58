using Mesh.Libp2p.Addressing;
using Mesh.Libp2p.Identity;

namespace Mesh.Tests.Libp2p.Addressing;

public sealed class MultiaddrPeerIdTests
{
    private static readonly PeerId Relay = PeerId.Parse("12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3pq");
    private static readonly PeerId Target = PeerId.Parse("12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA");

    [Test]
    public void PeerId_TcpAddressWithP2p_IsThatPeer() =>
        Assert.That(Multiaddr.Parse($"/ip4/127.0.0.1/tcp/4001/p2p/{Relay}").PeerId, Is.EqualTo(Relay));

    [Test]
    public void PeerId_AddressWithoutP2p_IsNull() =>
        Assert.That(Multiaddr.Parse("/ip4/127.0.0.1/tcp/4001").PeerId, Is.Null);

    [Test]
    public void PeerId_CircuitAddressWithTarget_IsTargetNotRelay() =>
        Assert.That(Multiaddr.Parse($"/ip4/1.2.3.4/tcp/1/p2p/{Relay}/p2p-circuit/p2p/{Target}").PeerId, Is.EqualTo(Target));

    [Test]
    public void PeerId_CircuitAddressWithoutTarget_IsNull() =>
        Assert.That(Multiaddr.Parse($"/ip4/1.2.3.4/tcp/1/p2p/{Relay}/p2p-circuit").PeerId, Is.Null);

    [Test]
    public void WithPeerId_AddressWithoutPeer_AppendsP2p()
    {
        var addr = Multiaddr.Parse("/ip4/127.0.0.1/tcp/4001").WithPeerId(Relay);

        Assert.Multiple(() =>
        {
            Assert.That(addr.ToString(), Is.EqualTo($"/ip4/127.0.0.1/tcp/4001/p2p/{Relay}"));
            Assert.That(addr.PeerId, Is.EqualTo(Relay));
        });
    }

    [Test]
    public void WithPeerId_AddressWithPeer_ReplacesIt() =>
        Assert.That(Multiaddr.Parse($"/ip4/127.0.0.1/tcp/4001/p2p/{Relay}").WithPeerId(Target).ToString(), Is.EqualTo($"/ip4/127.0.0.1/tcp/4001/p2p/{Target}"));

    [Test]
    public void WithPeerId_CircuitWithoutTarget_AppendsTargetAndKeepsRelay() =>
        Assert.That(
            Multiaddr.Parse($"/ip4/1.2.3.4/tcp/1/p2p/{Relay}/p2p-circuit").WithPeerId(Target).ToString(),
            Is.EqualTo($"/ip4/1.2.3.4/tcp/1/p2p/{Relay}/p2p-circuit/p2p/{Target}"));

    [Test]
    public void WithoutPeerId_AddressWithPeer_RemovesOnlyThatComponent()
    {
        var circuit = Multiaddr.Parse($"/ip4/1.2.3.4/tcp/1/p2p/{Relay}/p2p-circuit/p2p/{Target}");

        Assert.Multiple(() =>
        {
            Assert.That(Multiaddr.Parse($"/ip4/127.0.0.1/tcp/4001/p2p/{Relay}").WithoutPeerId().ToString(), Is.EqualTo("/ip4/127.0.0.1/tcp/4001"));
            Assert.That(circuit.WithoutPeerId().ToString(), Is.EqualTo($"/ip4/1.2.3.4/tcp/1/p2p/{Relay}/p2p-circuit"));
            Assert.That(Multiaddr.Parse($"/p2p/{Relay}").WithoutPeerId(), Is.SameAs(Multiaddr.Empty));
        });
    }

    [Test]
    public void WithoutPeerId_AddressWithoutPeer_ReturnsSameInstance()
    {
        var addr = Multiaddr.Parse("/ip4/127.0.0.1/tcp/4001");

        Assert.That(addr.WithoutPeerId(), Is.SameAs(addr));
    }

    [Test]
    public void Encapsulate_TwoAddresses_ConcatenatesTextAndBytes()
    {
        var outer = Multiaddr.Parse("/ip4/127.0.0.1/tcp/4001");
        var inner = Multiaddr.Parse($"/p2p/{Relay}");

        var joined = outer.Encapsulate(inner);

        Assert.Multiple(() =>
        {
            Assert.That(joined.ToString(), Is.EqualTo(outer + inner.ToString()));
            Assert.That(joined.ToBytes(), Is.EqualTo(outer.ToBytes().Concat(inner.ToBytes())));
            Assert.That(outer.Encapsulate(Multiaddr.Empty), Is.SameAs(outer));
            Assert.That(Multiaddr.Empty.Encapsulate(inner), Is.SameAs(inner));
        });
    }

    [Test]
    public void Encapsulate_PastByteLimit_ThrowsArgumentException()
    {
        var half = Multiaddr.Parse(string.Concat(Enumerable.Repeat("/tls", Multiaddr.MaxByteLength / 4)));
        var full = half.Encapsulate(half);

        Assert.Multiple(() =>
        {
            Assert.That(full.Bytes.Length, Is.EqualTo(Multiaddr.MaxByteLength));
            Assert.That(() => full.Encapsulate(Multiaddr.Parse("/ws")), Throws.ArgumentException);
        });
    }
}
