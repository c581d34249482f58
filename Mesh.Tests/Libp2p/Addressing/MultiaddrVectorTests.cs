using Mesh.Libp2p.Addressing;

namespace Mesh.Tests.Libp2p.Addressing;

public sealed class MultiaddrVectorTests
{
    // Wire notes §4.3 (x-checked against @multiformats/multiaddr 13.0.3), then further vectors produced by
    // @multiformats/multiaddr 13.0.3 from interop/js, so every protocol of the table appears at least once.
    private static readonly object[] Vectors =
    [
        new object[] { "04c000022a0601bb", "/ip4/192.0.2.42/tcp/443" },
        new object[] { "047f000001060fa1", "/ip4/127.0.0.1/tcp/4001" },
        new object[] { "2900000000000000000000000000000001060fa1", "/ip6/::1/tcp/4001" },
        new object[] { "29fe800000000000000000000000000001060001", "/ip6/fe80::1/tcp/1" },
        new object[] { "04c0a8010a910214e9", "/ip4/192.168.1.10/udp/5353" },
        new object[] { "36096c6f63616c686f7374060fa1", "/dns4/localhost/tcp/4001" },
        new object[] { "370b6578616d706c652e636f6d0601bb", "/dns6/example.com/tcp/443" },
        new object[] { "350b6578616d706c652e636f6d0601bb", "/dns/example.com/tcp/443" },
        new object[] { "3813626f6f7473747261702e6c69627032702e696f", "/dnsaddr/bootstrap.libp2p.io" },
        new object[]
        {
            "047f000001060fa1a503260024080112201ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e",
            "/ip4/127.0.0.1/tcp/4001/p2p/12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3pq",
        },
        new object[] { "2a046574683029fe800000000000000000000000000001060fa1", "/ip6zone/eth0/ip6/fe80::1/tcp/4001" },
        new object[] { "350b6578616d706c652e636f6d91020035", "/dns/example.com/udp/53" },
        new object[]
        {
            "0401020304060001a503260024080112201ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27ea202a503260024080112202ffa35a99d3a3cfbb17bb7c1dc5561b18a8dcca4df38dc613ea859c37eb1336b",
            "/ip4/1.2.3.4/tcp/1/p2p/12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3pq/p2p-circuit/p2p/12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA",
        },
        new object[] { "040102030491020fa1cd03", "/ip4/1.2.3.4/udp/4001/quic-v1" },
        new object[] { "04010203040601bbc003dd03", "/ip4/1.2.3.4/tcp/443/tls/ws" },
        new object[] { "0401020304060050dd03c603", "/ip4/1.2.3.4/tcp/80/ws/noise" },
        new object[] { "890606746573742d31", "/memory/test-1" },
        new object[] { "2900000000000000000000ffffc000022a060001", "/ip6/::ffff:c000:22a/tcp/1" },
        new object[] { "2920010db800000000000100000000000106ffff", "/ip6/2001:db8::1:0:0:1/tcp/65535" },
        new object[] { "3611c3bc6ec3af636f64652e6578616d706c65060001", "/dns4/ünïcode.example/tcp/1" },
        new object[]
        {
            "3813626f6f7473747261702e6c69627032702e696fa5032212209dff3b17d74cf4d38a50d8b6383e92d181a10395a5e73a726dcccbd21bf6f0b9",
            "/dnsaddr/bootstrap.libp2p.io/p2p/QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N",
        },
    ];

    [TestCaseSource(nameof(Vectors))]
    public void Parse_Vector_GivesVectorBytes(string hex, string text) =>
        Assert.That(Convert.ToHexStringLower(Multiaddr.Parse(text).ToBytes()), Is.EqualTo(hex));

    [TestCaseSource(nameof(Vectors))]
    public void TryRead_VectorBytes_PrintsVectorText(string hex, string text)
    {
        Assert.That(Multiaddr.TryRead(Convert.FromHexString(hex), out var addr), Is.True);
        Assert.That(addr!.ToString(), Is.EqualTo(text));
    }

    [TestCaseSource(nameof(Vectors))]
    public void TryRead_VectorBytes_EqualsParsedText(string hex, string text)
    {
        Assert.That(Multiaddr.TryRead(Convert.FromHexString(hex), out var fromBytes), Is.True);
        var fromText = Multiaddr.Parse(text);

        Assert.Multiple(() =>
        {
            Assert.That(fromBytes, Is.EqualTo(fromText));
            Assert.That(fromBytes!.GetHashCode(), Is.EqualTo(fromText.GetHashCode()));
            Assert.That(fromBytes.Components.Select(c => c.ToString()), Is.EqualTo(fromText.Components.Select(c => c.ToString())));
        });
    }

    [Test]
    public void Vectors_CoverEveryProtocolOfTheTable()
    {
        var seen = Vectors.Cast<object[]>()
            .SelectMany(v => Multiaddr.Parse((string)v[1]).Components)
            .Select(c => c.Protocol)
            .ToHashSet();

        Assert.That(MultiaddrProtocol.All.Where(p => !seen.Contains(p)).Select(p => p.Name), Is.Empty);
    }

    [TestCase("/ip6/0:0:0:0:0:0:0:1/tcp/4001", "/ip6/::1/tcp/4001")]
    [TestCase("/ip6/2001:DB8::1", "/ip6/2001:db8::1")]
    [TestCase("/ip6/0:0:0:0:0:0:0:0", "/ip6/::")]
    [TestCase("/ip6/1:0:0:1:0:0:0:1", "/ip6/1:0:0:1::1")]
    [TestCase("/ip6/1:0:0:1:0:0:1:1", "/ip6/1::1:0:0:1:1")]
    [TestCase("/ip6/1:0:1:0:1:0:1:0", "/ip6/1:0:1:0:1:0:1:0")]
    [TestCase("/ip6/1::", "/ip6/1::")]
    [TestCase("/ip6/::ffff:1.2.3.4", "/ip6/::ffff:102:304")]
    [TestCase("/ip6/::1.2.3.4", "/ip6/::102:304")]
    [TestCase("/ip6/64:ff9b::1.2.3.4", "/ip6/64:ff9b::102:304")]
    [TestCase("/ipfs/QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N", "/p2p/QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N")]
    [TestCase("/p2p/bafzaajaiaejcahwr5d5ofrfbis4l5d6uwr57hu5tjodrypfm6yaq6dsc2r2pzyt6", "/p2p/12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3pq")]
    [TestCase("/ip4/1.2.3.4/", "/ip4/1.2.3.4")]
    [TestCase("/", "/")]
    public void Parse_NonCanonicalText_PrintsCanonicalForm(string text, string canonical) =>
        Assert.That(Multiaddr.Parse(text).ToString(), Is.EqualTo(canonical));
}
