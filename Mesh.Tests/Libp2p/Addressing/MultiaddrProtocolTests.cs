using Mesh.Libp2p.Addressing;

namespace Mesh.Tests.Libp2p.Addressing;

public sealed class MultiaddrProtocolTests
{
    // Wire notes §4.1.
    [TestCase("ip4", 4, MultiaddrValueKind.FixedSize, 4)]
    [TestCase("tcp", 6, MultiaddrValueKind.FixedSize, 2)]
    [TestCase("udp", 273, MultiaddrValueKind.FixedSize, 2)]
    [TestCase("ip6", 41, MultiaddrValueKind.FixedSize, 16)]
    [TestCase("ip6zone", 42, MultiaddrValueKind.VariableSize, 0)]
    [TestCase("dns", 53, MultiaddrValueKind.VariableSize, 0)]
    [TestCase("dns4", 54, MultiaddrValueKind.VariableSize, 0)]
    [TestCase("dns6", 55, MultiaddrValueKind.VariableSize, 0)]
    [TestCase("dnsaddr", 56, MultiaddrValueKind.VariableSize, 0)]
    [TestCase("p2p", 421, MultiaddrValueKind.VariableSize, 0)]
    [TestCase("p2p-circuit", 290, MultiaddrValueKind.None, 0)]
    [TestCase("tls", 448, MultiaddrValueKind.None, 0)]
    [TestCase("noise", 454, MultiaddrValueKind.None, 0)]
    [TestCase("quic-v1", 461, MultiaddrValueKind.None, 0)]
    [TestCase("ws", 477, MultiaddrValueKind.None, 0)]
    [TestCase("memory", 777, MultiaddrValueKind.VariableSize, 0)]
    public void Table_Protocol_HasSpecCodeAndLayout(string name, int code, MultiaddrValueKind kind, int size)
    {
        Assert.That(MultiaddrProtocol.TryGetByName(name, out var byName), Is.True);
        Assert.That(MultiaddrProtocol.TryGetByCode((ulong)code, out var byCode), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(byCode, Is.SameAs(byName));
            Assert.That(byName!.Name, Is.EqualTo(name));
            Assert.That(byName.Code, Is.EqualTo(code));
            Assert.That(byName.ValueKind, Is.EqualTo(kind));
            Assert.That(byName.FixedSize, Is.EqualTo(size));
        });
    }

    [Test]
    public void TryGetByName_Ipfs_IsP2p()
    {
        Assert.That(MultiaddrProtocol.TryGetByName("ipfs", out var protocol), Is.True);
        Assert.That(protocol, Is.SameAs(MultiaddrProtocol.P2p));
    }

    [Test]
    public void All_HasSixteenDistinctProtocols() =>
        Assert.That(MultiaddrProtocol.All.Select(p => p.Code).Distinct().Count(), Is.EqualTo(16));

    [TestCase(0UL)]
    [TestCase(7UL)]
    [TestCase(ulong.MaxValue)]
    public void TryGetByCode_Unknown_ReturnsFalse(ulong code) => Assert.That(MultiaddrProtocol.TryGetByCode(code, out _), Is.False);

    [Test]
    public void Create_InvalidValues_ThrowFormatException()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => MultiaddrComponent.Create(MultiaddrProtocol.Tcp), Throws.TypeOf<FormatException>().With.Message.Contain("missing"));
            Assert.That(() => MultiaddrComponent.Create(MultiaddrProtocol.Ws, "x"), Throws.TypeOf<FormatException>().With.Message.Contain("no value"));
            Assert.That(() => MultiaddrComponent.Create(MultiaddrProtocol.Dns4, "a/b"), Throws.TypeOf<FormatException>());
            Assert.That(() => MultiaddrComponent.Create(MultiaddrProtocol.Dns4, "\ud800"), Throws.TypeOf<FormatException>());
            Assert.That(MultiaddrComponent.TryCreate(MultiaddrProtocol.Ip4, "1.2.3.4", out var ok), Is.True);
            Assert.That(ok!.ToString(), Is.EqualTo("/ip4/1.2.3.4"));
        });
    }
}
