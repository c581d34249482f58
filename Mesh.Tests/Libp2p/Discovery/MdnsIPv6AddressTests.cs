using Mesh.Libp2p.Addressing;
using Mesh.Libp2p.Discovery;
using Mesh.Libp2p.Identity;

namespace Mesh.Tests.Libp2p.Discovery;

/// <summary>IPv6 addresses in mDNS answers and dials: ULA ones are used, link-local ones (no zone in a multiaddr) are not advertised and dialed last.</summary>
public class MdnsIPv6AddressTests
{
    private readonly PeerId _peer = IdentityKey.Generate().PeerId;

    [Test]
    public void BuildResponse_IPv6Addresses_AdvertisesUlaButNotLinkLocal()
    {
        var answer = MdnsProtocol.BuildResponse(
            "_p2p._udp.local",
            "name",
            [Multiaddr.Parse($"/ip6/fe80::1/tcp/4001/p2p/{_peer}"), Multiaddr.Parse($"/ip6/fd12:3456:789a::2/tcp/4001/p2p/{_peer}")],
            120,
            9000);

        Assert.That(DnsMessageReader.TryRead(answer, out var message), Is.True);
        var texts = message!.Answers.Where(r => r.Type == DnsRecordType.Txt).Select(r => System.Text.Encoding.UTF8.GetString(r.Strings.Single()));
        Assert.That(texts, Is.EqualTo(new[] { $"dnsaddr=/ip6/fd12:3456:789a::2/tcp/4001/p2p/{_peer}" }));
    }

    [Test]
    public void Order_MixedAddresses_LanThenLinkLocalThenLoopback()
    {
        var loopback = Multiaddr.Parse($"/ip6/::1/tcp/1/p2p/{_peer}");
        var linkLocal = Multiaddr.Parse($"/ip6/fe80::1/tcp/1/p2p/{_peer}");
        var ula = Multiaddr.Parse($"/ip6/fd00::1/tcp/1/p2p/{_peer}");

        Assert.That(MdnsDialer.OrderForDialing([loopback, linkLocal, ula]), Is.EqualTo(new[] { ula, linkLocal, loopback }));
    }
}
