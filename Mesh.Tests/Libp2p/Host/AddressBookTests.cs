using Mesh.Libp2p.Addressing;
using Mesh.Libp2p.Host;
using Mesh.Libp2p.Identity;

namespace Mesh.Tests.Libp2p.Host;

[TestFixture]
[CancelAfter(30_000)]
public sealed class AddressBookTests
{
    private static readonly Multiaddr First = Multiaddr.Parse("/ip4/10.0.0.1/tcp/4001");
    private static readonly Multiaddr Second = Multiaddr.Parse("/ip4/10.0.0.2/tcp/4001");

    [Test]
    public void Record_MorePeersThanTheLimit_ForgetsTheLeastRecentlyRecorded()
    {
        var book = new AddressBook(maxPeers: 2, maxAddressesPerPeer: 4);
        var (a, b, c) = (NewPeer(), NewPeer(), NewPeer());

        book.Record(a, [First]);
        book.Record(b, [First]);
        book.Record(a, [Second]);
        book.Record(c, [First]);

        Assert.Multiple(() =>
        {
            Assert.That(book.Count, Is.EqualTo(2));
            Assert.That(book.TryGet(b, out _), Is.False, "b was the least recently recorded");
            Assert.That(book.TryGet(a, out var addresses), Is.True);
            Assert.That(addresses, Is.EqualTo(new[] { Second }));
            Assert.That(book.TryGet(c, out _), Is.True);
        });
    }

    [Test]
    public void Record_ManyAddressesWithPeerIdsAndDuplicates_KeepsTheFirstDistinctOnesWithoutPeerId()
    {
        var book = new AddressBook(maxPeers: 4, maxAddressesPerPeer: 2);
        var peer = NewPeer();

        book.Record(peer, [First.WithPeerId(NewPeer()), First, Second, Multiaddr.Parse("/ip4/10.0.0.3/tcp/1")]);

        Assert.That(book.TryGet(peer, out var addresses), Is.True);
        Assert.That(addresses, Is.EqualTo(new[] { First, Second }));
    }

    [Test]
    public void Record_NoAddresses_ForgetsThePeer()
    {
        var book = new AddressBook(maxPeers: 4, maxAddressesPerPeer: 4);
        var peer = NewPeer();
        book.Record(peer, [First]);

        book.Record(peer, []);

        Assert.Multiple(() =>
        {
            Assert.That(book.TryGet(peer, out var addresses), Is.False);
            Assert.That(addresses, Is.Empty);
            Assert.That(book.Count, Is.Zero);
        });
    }

    [Test]
    public async Task TryGetKnownAddresses_AfterIdentifyAndDisconnect_StillKnowsTheListenAddress()
    {
        await using var a = await TestHost.StartAsync();
        await using var b = await TestHost.StartAsync();
        Assert.That(a.TryGetKnownAddresses(b.PeerId, out _), Is.False, "unknown before identify");

        await a.DialAsync(b.Address());
        await WaitUntilAsync(() => a.GetPeerInfo(b.PeerId) is not null);
        await a.DisconnectAsync(b.PeerId);
        await WaitUntilAsync(() => !a.ConnectedPeers.Contains(b.PeerId));

        Assert.Multiple(() =>
        {
            Assert.That(a.GetPeerInfo(b.PeerId), Is.Null, "identify's view ends with the connection");
            Assert.That(a.TryGetKnownAddresses(b.PeerId, out var addresses), Is.True);
            Assert.That(addresses, Does.Contain(b.Address().WithoutPeerId()));
        });
    }

    [Test]
    public void Validate_NoKnownPeers_Throws()
    {
        var options = new Libp2pHostOptions { MaxKnownPeers = 0 };

        Assert.That(options.Validate, Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains(nameof(Libp2pHostOptions.MaxKnownPeers)));
    }

    private static PeerId NewPeer() => IdentityKey.Generate().PeerId;

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
