using Mesh.Libp2p.PubSub;

namespace Mesh.Tests.Libp2p.PubSub;

public sealed class GossipCachesTests
{
    [Test]
    public void MessageCache_Shift_GossipsRecentWindowsAndForgetsOldest()
    {
        var cache = new MessageCache(length: 3, gossip: 2);
        cache.Put("a", new CachedMessage("t", [1], []));
        cache.Shift();
        cache.Put("b", new CachedMessage("t", [2], []));
        cache.Put("c", new CachedMessage("other", [3], []));
        cache.Shift();
        cache.Put("d", new CachedMessage("t", [4], []));

        Assert.Multiple(() =>
        {
            Assert.That(cache.GetGossipIds("t").Select(id => id[0]), Is.EquivalentTo(new byte[] { 4, 2 }));
            Assert.That(cache.TryGet("a", out _), Is.True);
        });

        cache.Shift();

        Assert.Multiple(() =>
        {
            Assert.That(cache.TryGet("a", out _), Is.False);
            Assert.That(cache.TryGet("b", out _), Is.True);
            Assert.That(cache.GetGossipIds("t").Select(id => id[0]), Is.EquivalentTo(new byte[] { 4 }));
        });
    }

    [Test]
    public void SeenCache_AfterTtl_ForgetsAndAcceptsAgain()
    {
        var start = DateTimeOffset.UnixEpoch;
        var seen = new SeenCache(TimeSpan.FromSeconds(10));

        Assert.Multiple(() =>
        {
            Assert.That(seen.TryAdd("x", start), Is.True);
            Assert.That(seen.TryAdd("x", start.AddSeconds(1)), Is.False);
        });

        seen.Prune(start.AddSeconds(9));
        Assert.That(seen.Contains("x"), Is.True);
        seen.Prune(start.AddSeconds(10));
        Assert.That(seen.TryAdd("x", start.AddSeconds(10)), Is.True);
    }
}
