using Mesh.Libp2p.PubSub;

namespace Mesh.Tests.Libp2p.PubSub;

public sealed class GossipsubOptionsTests
{
    [Test]
    public void Defaults_FollowTheSpecAndJs()
    {
        var options = new GossipsubOptions();

        Assert.Multiple(() =>
        {
            Assert.That((options.D, options.DLow, options.DHigh, options.DLazy), Is.EqualTo((6, 4, 12, 6)));
            Assert.That(options.PrunePeers, Is.EqualTo(16));
            Assert.That(options.DoPeerExchange, Is.False, "js and go default doPX to false");
            Assert.That(options.AcceptPeerExchange, Is.True);
            Assert.That(options.Validate, Throws.Nothing);
        });
    }

    [Test]
    public void ForLan_KeepsDAndLowersDHigh_AndValidates()
    {
        var options = GossipsubOptions.ForLan();

        Assert.Multiple(() =>
        {
            Assert.That((options.D, options.DLow, options.DHigh), Is.EqualTo((6, 4, 7)));
            Assert.That(options.FloodPublish, Is.True);
            Assert.That(options.Validate, Throws.Nothing);
        });
    }

    [TestCase(nameof(GossipsubOptions.PrunePeers), -1)]
    [TestCase(nameof(GossipsubOptions.MaxPendingPeerExchangeDials), 0)]
    public void Validate_PeerExchangeLimitOutOfRange_ThrowsNamingIt(string name, int value)
    {
        var options = new GossipsubOptions();
        typeof(GossipsubOptions).GetProperty(name)!.SetValue(options, value);

        Assert.That(options.Validate, Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains(name));
    }
}
