using System.Net;
using System.Net.Sockets;
using Mesh.Libp2p.Addressing;

namespace Mesh.Tests.Libp2p.Addressing;

public sealed class MultiaddrEndPointTests
{
    private const string Peer = "12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3pq";

    [TestCase("127.0.0.1", 4001, "/ip4/127.0.0.1/tcp/4001")]
    [TestCase("::1", 4001, "/ip6/::1/tcp/4001")]
    [TestCase("2001:DB8::1", 0, "/ip6/2001:db8::1/tcp/0")]
    [TestCase("::ffff:192.168.1.10", 65535, "/ip4/192.168.1.10/tcp/65535")]
    [TestCase("fe80::1%3", 1, "/ip6zone/3/ip6/fe80::1/tcp/1")]
    public void FromEndPoint_Address_GivesTcpMultiaddr(string ip, int port, string expected) =>
        Assert.That(Multiaddr.FromEndPoint(new IPEndPoint(IPAddress.Parse(ip), port)).ToString(), Is.EqualTo(expected));

    [TestCase("/ip4/127.0.0.1/tcp/4001", "127.0.0.1:4001")]
    [TestCase("/ip4/127.0.0.1/tcp/4001/p2p/" + Peer, "127.0.0.1:4001")]
    [TestCase("/ip6/::1/tcp/4001", "[::1]:4001")]
    [TestCase("/ip6zone/3/ip6/fe80::1/tcp/1", "[fe80::1%3]:1")]
    public void TryGetTcpEndPoint_TcpAddress_GivesEndPoint(string text, string expected)
    {
        Assert.That(Multiaddr.Parse(text).TryGetTcpEndPoint(out var endPoint), Is.True);
        Assert.That(endPoint!.ToString(), Is.EqualTo(expected));
    }

    [TestCase("/ip4/127.0.0.1")]
    [TestCase("/ip4/127.0.0.1/udp/4001")]
    [TestCase("/ip4/127.0.0.1/tcp/4001/ws")]
    [TestCase("/ip4/127.0.0.1/tcp/4001/p2p/" + Peer + "/p2p-circuit")]
    [TestCase("/dns4/localhost/tcp/4001")]
    [TestCase("/ip6zone/eth0/ip6/fe80::1/tcp/1")]
    [TestCase("/ip6zone/3/ip4/1.2.3.4/tcp/1")]
    [TestCase("/tcp/4001")]
    [TestCase("/")]
    public void TryGetTcpEndPoint_OtherAddress_ReturnsFalse(string text) =>
        Assert.That(Multiaddr.Parse(text).TryGetTcpEndPoint(out _), Is.False);

    [Test]
    public void FromEndPoint_ThenTryGetTcpEndPoint_RoundTrips()
    {
        var original = new IPEndPoint(IPAddress.Parse("10.1.2.3"), 12345);

        Assert.That(Multiaddr.FromEndPoint(original).TryGetTcpEndPoint(out var endPoint), Is.True);
        Assert.That(endPoint, Is.EqualTo(original));
    }

    [TestCase("/dns4/localhost/tcp/4001", "localhost", 4001, AddressFamily.InterNetwork)]
    [TestCase("/dns6/example.com/tcp/443/p2p/" + Peer, "example.com", 443, AddressFamily.InterNetworkV6)]
    [TestCase("/dns/example.com/tcp/1", "example.com", 1, AddressFamily.Unspecified)]
    public void TryGetDnsTcp_DnsTcpAddress_GivesHostPortAndFamily(string text, string host, int port, AddressFamily family)
    {
        Assert.That(Multiaddr.Parse(text).TryGetDnsTcp(out var gotHost, out var gotPort, out var gotFamily), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(gotHost, Is.EqualTo(host));
            Assert.That(gotPort, Is.EqualTo(port));
            Assert.That(gotFamily, Is.EqualTo(family));
        });
    }

    [TestCase("/dnsaddr/bootstrap.libp2p.io")]
    [TestCase("/dns4/localhost/udp/4001")]
    [TestCase("/dns4/localhost/tcp/4001/ws")]
    [TestCase("/dns4/localhost")]
    [TestCase("/ip4/127.0.0.1/tcp/4001")]
    public void TryGetDnsTcp_OtherAddress_ReturnsFalse(string text) =>
        Assert.That(Multiaddr.Parse(text).TryGetDnsTcp(out _, out _, out _), Is.False);
}
