using Mesh.Libp2p.Addressing;

namespace Mesh.Tests.Libp2p.Addressing;

public sealed class MultiaddrScopeTests
{
    [TestCase("/ip4/127.0.0.1/tcp/1", true, true)]
    [TestCase("/ip4/127.255.0.9", true, true)]
    [TestCase("/ip6/::1/tcp/1", true, true)]
    [TestCase("/ip6/::ffff:127.0.0.1", true, true)]
    [TestCase("/ip4/10.0.0.1", false, true)]
    [TestCase("/ip4/172.16.0.1", false, true)]
    [TestCase("/ip4/172.31.255.255", false, true)]
    [TestCase("/ip4/172.32.0.1", false, false)]
    [TestCase("/ip4/172.15.255.255", false, false)]
    [TestCase("/ip4/192.168.1.10/udp/5353", false, true)]
    [TestCase("/ip4/169.254.1.1", false, true)]
    [TestCase("/ip4/100.64.0.1", false, true)]
    [TestCase("/ip4/100.127.255.255", false, true)]
    [TestCase("/ip4/100.128.0.1", false, false)]
    [TestCase("/ip4/0.0.0.0/tcp/0", false, true)]
    [TestCase("/ip4/8.8.8.8", false, false)]
    [TestCase("/ip4/192.0.2.42", false, false)]
    [TestCase("/ip6/::", false, true)]
    [TestCase("/ip6/fc00::1", false, true)]
    [TestCase("/ip6/fdff::1", false, true)]
    [TestCase("/ip6/fe80::1", false, true)]
    [TestCase("/ip6/febf::1", false, true)]
    [TestCase("/ip6/fec0::1", false, false)]
    [TestCase("/ip6/2001:db8::1", false, false)]
    [TestCase("/ip6/::2", false, false)]
    [TestCase("/ip6/::ffff:192.168.0.1", false, true)]
    [TestCase("/ip6/::ffff:8.8.8.8", false, false)]
    [TestCase("/ip6zone/eth0/ip6/fe80::1/tcp/1", false, true)]
    [TestCase("/dns4/localhost/tcp/1", false, true)]
    [TestCase("/dns/localhost", false, true)]
    [TestCase("/dns6/example.com/tcp/1", false, false)]
    [TestCase("/dnsaddr/localhost", false, false)]
    [TestCase("/p2p-circuit", false, false)]
    [TestCase("/", false, false)]
    public void IsLoopbackAndIsPrivate_Address_ClassifyByLeadingIp(string text, bool loopback, bool isPrivate)
    {
        var addr = Multiaddr.Parse(text);

        Assert.Multiple(() =>
        {
            Assert.That(addr.IsLoopback, Is.EqualTo(loopback), nameof(Multiaddr.IsLoopback));
            Assert.That(addr.IsPrivate, Is.EqualTo(isPrivate), nameof(Multiaddr.IsPrivate));
        });
    }
}
