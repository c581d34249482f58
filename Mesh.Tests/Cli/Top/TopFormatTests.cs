using Mesh.Cli.Top;

namespace Mesh.Tests.Cli.Top;

public sealed class TopFormatTests
{
    [TestCase("12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3pq", "o7R3pq")]
    [TestCase("abc", "abc")]
    public void ShortId_PeerIds_AreTheirLastSixCharacters(string id, string expected) => Assert.That(PeerFormat.ShortId(id), Is.EqualTo(expected));

    [TestCase("/ip4/192.168.1.7/tcp/4001/p2p/12D3KooWX", "192.168.1.7:4001")]
    [TestCase("/ip6/::1/tcp/4001", "[::1]:4001")]
    [TestCase("/dns4/node.lan/tcp/4001", "node.lan:4001")]
    [TestCase("/unix/tmp/x.sock", "/unix/tmp/x.sock")]
    public void ShortAddress_Multiaddrs_BecomeHostAndPort(string multiaddr, string expected) =>
        Assert.That(PeerFormat.ShortAddress(multiaddr), Is.EqualTo(expected));

    [Test]
    public void PreferredAddress_LoopbackFirst_ShowsTheOtherOne()
    {
        Assert.Multiple(() =>
        {
            Assert.That(PeerFormat.PreferredAddress(["/ip4/127.0.0.1/tcp/1", "/ip4/10.0.0.2/tcp/1"]), Is.EqualTo("10.0.0.2:1"));
            Assert.That(PeerFormat.PreferredAddress(["/ip4/127.0.0.1/tcp/1"]), Is.EqualTo("127.0.0.1:1"));
            Assert.That(PeerFormat.PreferredAddress([]), Is.EqualTo("-"));
        });
    }

    [TestCase(0, 4, 6, 0, 20, 0, 13)]
    [TestCase(0.5, 14.5, 16, 0, 20, 1, 17)]
    [TestCase(0.01, 0.01, 100, 0, 20, 1, 0)]
    [TestCase(0, 0.01, 100, 0, 20, 0, 1)]
    [TestCase(5, 2, 4, 0, 20, 20, 0)]
    [TestCase(1, 1, 0, 0, 20, 0, 0)]
    public void BarCells_Shares_RoundWithSmallPartsVisible(double inUse, double surplus, double capacity, int unused, int width, int useCells, int freeCells)
    {
        _ = unused;
        Assert.That(TopRenderer.BarCells(inUse, surplus, capacity, width), Is.EqualTo((useCells, freeCells)));
    }
}
