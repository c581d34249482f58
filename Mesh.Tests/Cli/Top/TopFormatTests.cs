using Mesh.Cli.Top;

namespace Mesh.Tests.Cli.Top;

public sealed class TopFormatTests
{
    [TestCase(0L, "0 B")]
    [TestCase(512L, "512 B")]
    [TestCase(999L, "999 B")]
    [TestCase(1023L, "1.0 KiB")]
    [TestCase(1024L, "1 KiB")]
    [TestCase(512L * TopTestPeers.MiB, "512 MiB")]
    [TestCase(1000L * TopTestPeers.MiB, "1.0 GiB")]
    [TestCase(7L * TopTestPeers.GiB, "7 GiB")]
    [TestCase(15569256448L, "14.5 GiB")]
    [TestCase(16L * TopTestPeers.GiB, "16 GiB")]
    [TestCase(-2L * TopTestPeers.GiB, "-2 GiB")]
    public void Binary_Sizes_ReadLikeMemory(long bytes, string expected) => Assert.That(SizeFormat.Binary(bytes), Is.EqualTo(expected));

    [TestCase(0L, "0 B")]
    [TestCase(999L, "999 B")]
    [TestCase(1000L, "1 KB")]
    [TestCase(250L * TopTestPeers.GB, "250 GB")]
    [TestCase(750L * TopTestPeers.GB, "750 GB")]
    [TestCase(999_600_000_000L, "1.0 TB")]
    [TestCase(TopTestPeers.TB, "1 TB")]
    [TestCase(1500L * TopTestPeers.GB, "1.5 TB")]
    public void Decimal_Sizes_ReadLikeDisks(long bytes, string expected) => Assert.That(SizeFormat.Decimal(bytes), Is.EqualTo(expected));

    [TestCase(0L, "0")]
    [TestCase(7L * TopTestPeers.GiB, "7G")]
    [TestCase(8053063680L, "7.5G")]
    [TestCase(999L * TopTestPeers.MiB, "999M")]
    public void BinaryCompact_Sizes_FitFourColumns(long bytes, string expected) => Assert.That(SizeFormat.BinaryCompact(bytes), Is.EqualTo(expected));

    [TestCase(0.5, "0.5", "0.5")]
    [TestCase(4, "4.0", "4.0")]
    [TestCase(18, "18.0", "18")]
    [TestCase(12.6, "12.6", "13")]
    public void Cores_Numbers_OneDecimalOrCompact(double cores, string full, string compact)
    {
        Assert.Multiple(() =>
        {
            Assert.That(SizeFormat.Cores(cores), Is.EqualTo(full));
            Assert.That(SizeFormat.CoresCompact(cores), Is.EqualTo(compact));
        });
    }

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

    [TestCase(0, "0s")]
    [TestCase(-5, "0s")]
    [TestCase(59, "59s")]
    [TestCase(61, "1m")]
    [TestCase(3 * 3600, "3h")]
    [TestCase(49 * 3600, "2d")]
    public void Age_Seconds_AreShort(int secondsAgo, string expected) =>
        Assert.That(PeerFormat.Age(TopTestPeers.Now.AddSeconds(-secondsAgo), TopTestPeers.Now), Is.EqualTo(expected));

    [Test]
    public void Age_NeverSeen_IsADash() => Assert.That(PeerFormat.Age(default, TopTestPeers.Now), Is.EqualTo("-"));

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
