using Mesh.Libp2p.Addressing;

namespace Mesh.Tests.Libp2p.Addressing;

public sealed class MultiaddrTextTests
{
    private const string PeerText = "12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3pq";

    [TestCase("", "empty")]
    [TestCase("ip4/1.2.3.4", "start with '/'")]
    [TestCase("//", "empty")]
    [TestCase("/ip4/1.2.3.4//tcp/1", "empty")]
    [TestCase("/ip5/1.2.3.4", "unknown protocol 'ip5'")]
    [TestCase("/IP4/1.2.3.4", "unknown protocol 'IP4'")]
    [TestCase("/ip4/1.2.3.4/tcp/80/garbage", "unknown protocol 'garbage'")]
    [TestCase("/ip4", "/ip4 needs a value")]
    [TestCase("/ip4/1.2.3.4/tcp", "/tcp needs a value")]
    [TestCase("/ip4/1.2.3", "'1.2.3' is not an IPv4 address")]
    [TestCase("/ip4/1.2.3.256", "'1.2.3.256' is not an IPv4 address")]
    [TestCase("/ip4/01.2.3.4", "'01.2.3.4' is not an IPv4 address")]
    [TestCase("/ip4/0x7f.0.0.1", "'0x7f.0.0.1' is not an IPv4 address")]
    [TestCase("/ip4/1.2.3.4.5", "'1.2.3.4.5' is not an IPv4 address")]
    [TestCase("/ip4/::1", "'::1' is not an IPv4 address")]
    [TestCase("/ip6/1.2.3.4", "'1.2.3.4' is not an IPv6 address")]
    [TestCase("/ip6/fe80::1%eth0", "'fe80::1%eth0' is not an IPv6 address")]
    [TestCase("/ip6/[::1]", "'[::1]' is not an IPv6 address")]
    [TestCase("/ip6/1::2::3", "'1::2::3' is not an IPv6 address")]
    [TestCase("/ip6/12345::", "'12345::' is not an IPv6 address")]
    [TestCase("/ip4/1.2.3.4/tcp/65536", "'65536' is not a tcp port (0-65535)")]
    [TestCase("/ip4/1.2.3.4/tcp/99999", "'99999' is not a tcp port")]
    [TestCase("/ip4/1.2.3.4/udp/-1", "'-1' is not a udp port")]
    [TestCase("/ip4/1.2.3.4/tcp/080", "'080' is not a tcp port")]
    [TestCase("/ip4/1.2.3.4/tcp/+80", "'+80' is not a tcp port")]
    [TestCase("/ip4/1.2.3.4/tcp/8 0", "'8 0' is not a tcp port")]
    [TestCase("/p2p/12D3KooW0", "'12D3KooW0' is not a peer id")]
    [TestCase("/p2p/QmNotAPeer", "'QmNotAPeer' is not a peer id")]
    [TestCase("/ipfs/bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi", "is not a peer id")]
    public void Parse_BadText_ThrowsFormatExceptionNamingTheBadPart(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => Multiaddr.Parse(text));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.Contain(expected));
            Assert.That(Multiaddr.TryParse(text, out var addr), Is.False);
            Assert.That(addr, Is.Null);
        });
    }

    [Test]
    public void TryParse_Null_ReturnsFalse() => Assert.That(Multiaddr.TryParse(null, out _), Is.False);

    [Test]
    public void Parse_ValueOnNoValueProtocol_IsReadAsNextProtocolName()
    {
        // "/ws/ws" is two /ws components; "/ws/1" reads "1" as a protocol name, which does not exist.
        Assert.Multiple(() =>
        {
            Assert.That(Multiaddr.Parse("/ws/ws").Components, Has.Count.EqualTo(2));
            Assert.That(() => Multiaddr.Parse("/ws/1"), Throws.TypeOf<FormatException>().With.Message.Contain("unknown protocol '1'"));
        });
    }

    [Test]
    public void Parse_TextLongerThanLimit_ThrowsWithoutEchoingItAll()
    {
        var text = "/p2p-circuit" + new string('x', Multiaddr.MaxTextLength);

        var error = Assert.Throws<FormatException>(() => Multiaddr.Parse(text));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.Contain($"longer than {Multiaddr.MaxTextLength}"));
            Assert.That(error.Message, Has.Length.LessThan(400));
        });
    }

    [Test]
    public void Parse_TextEncodingPastByteLimit_Throws()
    {
        // 600 components of 2 bytes each: 1200 bytes, over the 1024-byte limit, in 7200 characters.
        var text = string.Concat(Enumerable.Repeat("/p2p-circuit", 600));

        Assert.That(() => Multiaddr.Parse(text), Throws.TypeOf<FormatException>().With.Message.Contain($"more than {Multiaddr.MaxByteLength} bytes"));
    }

    [Test]
    public void Parse_TextEncodingToExactlyTheByteLimit_Succeeds()
    {
        var text = string.Concat(Enumerable.Repeat("/tls", Multiaddr.MaxByteLength / 2));

        Assert.That(Multiaddr.Parse(text).Bytes.Length, Is.EqualTo(Multiaddr.MaxByteLength));
    }

    [Test]
    public void Parse_P2pCidAndBase58_GiveEqualAddresses()
    {
        var base58 = Multiaddr.Parse("/ip4/127.0.0.1/tcp/4001/p2p/" + PeerText);
        var cid = Multiaddr.Parse("/ip4/127.0.0.1/tcp/4001/ipfs/bafzaajaiaejcahwr5d5ofrfbis4l5d6uwr57hu5tjodrypfm6yaq6dsc2r2pzyt6");

        Assert.Multiple(() =>
        {
            Assert.That(cid, Is.EqualTo(base58));
            Assert.That(cid == base58, Is.True);
            Assert.That(cid.ToString(), Is.EqualTo(base58.ToString()));
        });
    }

    [Test]
    public void Components_OfParsedAddress_ExposeProtocolValueAndText()
    {
        var addr = Multiaddr.Parse("/ip4/10.0.0.1/tcp/4001/noise");

        Assert.Multiple(() =>
        {
            Assert.That(addr.Components.Select(c => c.Protocol), Is.EqualTo(new[] { MultiaddrProtocol.Ip4, MultiaddrProtocol.Tcp, MultiaddrProtocol.Noise }));
            Assert.That(addr.Components[0].Value.ToArray(), Is.EqualTo(new byte[] { 10, 0, 0, 1 }));
            Assert.That(addr.Components[0].TextValue, Is.EqualTo("10.0.0.1"));
            Assert.That(addr.Components[1].Value.ToArray(), Is.EqualTo(new byte[] { 0x0f, 0xa1 }));
            Assert.That(addr.Components[1].TextValue, Is.EqualTo("4001"));
            Assert.That(addr.Components[2].Value.IsEmpty, Is.True);
            Assert.That(addr.Components[2].TextValue, Is.Null);
            Assert.That(addr.Components[2].ToString(), Is.EqualTo("/noise"));
        });
    }

    [TestCase("/ip4/1.2.3.4/tcp/0")]
    [TestCase("/ip4/0.0.0.0/tcp/65535")]
    [TestCase("/ip4/255.255.255.255/udp/1")]
    [TestCase("/ip6zone/eth0/ip6/fe80::1")]
    [TestCase("/memory/a")]
    [TestCase("/dns6/a.b/tcp/1/tls/ws/p2p/" + PeerText)]
    [TestCase("/p2p/" + PeerText + "/p2p-circuit/p2p/QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N")]
    [TestCase("/ip4/1.2.3.4/udp/1/quic-v1/p2p/" + PeerText)]
    public void Parse_CanonicalText_RoundTripsThroughTextAndBytes(string text)
    {
        var addr = Multiaddr.Parse(text);

        Assert.That(Multiaddr.TryRead(addr.ToBytes(), out var reread), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(addr.ToString(), Is.EqualTo(text));
            Assert.That(reread, Is.EqualTo(addr));
            Assert.That(reread!.ToString(), Is.EqualTo(text));
        });
    }
}
