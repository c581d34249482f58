using Mesh.Core.Ledger;
using Mesh.Core.Resources;
using Mesh.Libp2p.Identity;
using Mesh.Tests.Core.Network;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using static Mesh.Tests.Core.Ledger.LedgerTestData;

namespace Mesh.Tests.Core.Ledger;

/// <summary>The service over the in-memory pubsub fake, on fake time.</summary>
[CancelAfter(10_000)]
public sealed class LedgerServiceTests
{
    private readonly IdentityKey _identity = IdentityKey.Generate();
    private FakeTimeProvider _time = null!;
    private InMemoryPubSub _network = null!;
    private LedgerOptions _options = null!;

    [SetUp]
    public void SetUp()
    {
        _time = new FakeTimeProvider(Epoch);
        _network = new InMemoryPubSub();
        _options = new LedgerOptions();
    }

    [Test]
    public async Task Constructor_InitialState_OwnRowIsInTheTableBeforeStart()
    {
        await using var service = Create(NodeA);

        var view = service.GetPeersView();

        Assert.Multiple(() =>
        {
            Assert.That(view.Self, Is.EqualTo(_identity.PeerId.ToString()));
            Assert.That(view.Peers.Single().IsSelf, Is.True);
            Assert.That(view.Totals.Surplus, Is.EqualTo(new ResourceVector(3, 7 * GiB, 750 * GB, 0)));
        });
    }

    [Test]
    public async Task StartAsync_Started_PublishesADecodableSignedEntryAtOnce()
    {
        await using var service = Create(NodeA);

        await service.StartAsync();
        await WaitUntilAsync(() => PublishedCount() >= 1, "first publication");

        var published = _network.Published[0];
        var decoded = LedgerEntryCodec.TryDecode(published.Data);
        Assert.Multiple(() =>
        {
            Assert.That(published.Topic, Is.EqualTo("mesh/ledger/1"));
            Assert.That(decoded.Status, Is.EqualTo(LedgerDecodeStatus.Ok));
            Assert.That(decoded.Entry!.Name, Is.EqualTo("node-a"));
            Assert.That(service.Statistics.Published, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Publisher_NoChange_RepublishesEveryIntervalWithIncreasingVersions()
    {
        await using var service = Create(NodeA);
        await service.StartAsync();
        await WaitUntilAsync(() => PublishedCount() == 1, "first publication");

        await AdvanceUntilAsync(() => PublishedCount() == 2, "second publication");
        await AdvanceUntilAsync(() => PublishedCount() == 3, "third publication");

        var versions = _network.Published.Select(p => LedgerEntryCodec.TryDecode(p.Data).Entry!.Version).ToArray();
        Assert.That(versions, Is.Ordered.Ascending.And.Unique);
    }

    [Test]
    public async Task UpdateLocal_ChangedState_PublishesWithoutWaitingAndUpdatesOwnRow()
    {
        await using var service = Create(NodeA);
        await service.StartAsync();
        await WaitUntilAsync(() => PublishedCount() == 1, "first publication");

        var changed = service.UpdateLocal(NodeA with { Surplus = new ResourceVector(1, GiB, GB, 0) });
        await WaitUntilAsync(() => PublishedCount() == 2, "publication on change");

        Assert.Multiple(() =>
        {
            Assert.That(changed, Is.True);
            Assert.That(LedgerEntryCodec.TryDecode(_network.Published[1].Data).Entry!.Surplus, Is.EqualTo(new ResourceVector(1, GiB, GB, 0)));
            Assert.That(service.Table.Snapshot().SelfRow!.Entry.Surplus, Is.EqualTo(new ResourceVector(1, GiB, GB, 0)));
        });
    }

    [Test]
    public async Task UpdateLocal_ManyChangesInARow_FirstAtOnceTheRestTogetherAfterTheGap()
    {
        await using var service = Create(NodeA);
        await service.StartAsync();
        await WaitUntilAsync(() => PublishedCount() == 1, "first publication");
        service.UpdateLocal(NodeA with { Queued = 1 });
        await WaitUntilAsync(() => PublishedCount() == 2, "publication on the first change");

        for (var queued = 2; queued <= 10; queued++)
        {
            service.UpdateLocal(NodeA with { Queued = queued });
        }

        await Task.Delay(200);
        var beforeTheGap = PublishedCount();
        _time.Advance(_options.MinChangeGap);
        await WaitUntilAsync(() => PublishedCount() == 3, "one publication of the rest");

        Assert.Multiple(() =>
        {
            Assert.That(beforeTheGap, Is.EqualTo(2), "nothing more before the gap");
            Assert.That(LedgerEntryCodec.TryDecode(_network.Published[2].Data).Entry!.Queued, Is.EqualTo(10), "the newest state");
        });
    }

    [Test]
    public async Task PeerSubscribed_NewcomerOnTheTopic_PublishesWithoutWaitingForTheInterval()
    {
        await using var service = Create(NodeA);
        await service.StartAsync();
        await WaitUntilAsync(() => PublishedCount() == 1, "first publication");

        _network.AnnounceSubscription(_options.Topic, IdentityKey.Generate().PeerId);
        await WaitUntilAsync(() => PublishedCount() == 2, "publication for the newcomer, with no time passing");

        _network.AnnounceSubscription("another/topic", IdentityKey.Generate().PeerId);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await Task.Delay(100);
        Assert.That(PublishedCount(), Is.EqualTo(2), "a newcomer on another topic changes nothing");
    }

    [Test]
    public async Task UpdateLocal_EqualState_ReportsNoChange()
    {
        await using var service = Create(NodeA with { Addresses = ["/ip4/1.2.3.4/tcp/1"] });

        Assert.That(service.UpdateLocal(NodeA with { Addresses = ["/ip4/1.2.3.4/tcp/1"] }), Is.False);
    }

    [Test]
    public async Task UpdateLocal_StateOverALimit_ThrowsAndKeepsTheOldState()
    {
        await using var service = Create(NodeA);

        Assert.Throws<ArgumentException>(() => service.UpdateLocal(NodeA with { Name = new string('x', 100) }));
        Assert.That(service.LocalState.Name, Is.EqualTo("node-a"));
    }

    [Test]
    public async Task Receiver_PeersEntries_AppearInTheTableThenExpire()
    {
        await using var service = Create(NodeA);
        await service.StartAsync();
        var peer = IdentityKey.Generate();

        _network.Inject(_options.Topic, peer.PeerId, LedgerEntryCodec.Encode(Entry(peer, 1, _time.GetUtcNow(), NodeB), peer));
        await WaitUntilAsync(() => service.Table.Count == 2, "the peer's row");
        Assert.That(service.GetPeersView().Totals.Surplus, Is.EqualTo(new ResourceVector(4, 14 * GiB + 512 * MiB, TB, 0)));

        await AdvanceUntilAsync(() => service.Table.Count == 1, "expiry");
        Assert.Multiple(() =>
        {
            Assert.That(service.Statistics.PeersExpired, Is.EqualTo(1));
            Assert.That(_time.GetUtcNow() - Epoch, Is.GreaterThanOrEqualTo(_options.ExpireAfter), "not before the expiry");
        });
    }

    [Test]
    public async Task Receiver_ForgedAndRelayedEntries_AreCountedNotStored()
    {
        await using var service = Create(NodeA);
        await service.StartAsync();
        var victim = IdentityKey.Generate();
        var forger = IdentityKey.Generate();
        var payload = RawLedger.Payload(Entry(victim, 1, _time.GetUtcNow()));

        _network.Inject(_options.Topic, victim.PeerId, RawLedger.SignedEnvelope(forger, payload));
        _network.Inject(_options.Topic, forger.PeerId, LedgerEntryCodec.Encode(Entry(victim, 2, _time.GetUtcNow()), victim));
        await WaitUntilAsync(() => service.Statistics.Rejected == 2, "both rejected");

        Assert.Multiple(() =>
        {
            Assert.That(service.Statistics.Count(LedgerReceiveResult.BadSignature), Is.EqualTo(1));
            Assert.That(service.Statistics.Count(LedgerReceiveResult.AuthorMismatch), Is.EqualTo(1));
            Assert.That(service.Table.Count, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task DisposeAsync_Started_StopsPublishing()
    {
        var service = Create(NodeA);
        await service.StartAsync();
        await WaitUntilAsync(() => PublishedCount() == 1, "first publication");

        await service.DisposeAsync();
        _time.Advance(_options.PublishInterval * 3);
        await Task.Delay(50);

        Assert.That(PublishedCount(), Is.EqualTo(1));
    }

    private LedgerService Create(LocalLedgerState state) =>
        new(_network.Join(_identity.PeerId), _identity, state, _options, _time, TestLogging.Factory.CreateLogger<LedgerService>());

    private int PublishedCount() => _network.Published.Count;

    /// <summary>
    /// Advances fake time a second at a time until <paramref name="condition"/> holds: a loop may register its
    /// timer just after a single big step, so stepping keeps the test independent of that race.
    /// </summary>
    private async Task AdvanceUntilAsync(Func<bool> condition, string what)
    {
        for (var step = 0; !condition(); step++)
        {
            if (step == 500)
            {
                Assert.Fail($"{what} did not happen within 500 s of fake time");
            }

            _time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(5);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (!condition())
        {
            if (timeout.IsCancellationRequested)
            {
                Assert.Fail($"timed out waiting for {what}");
            }

            await Task.Delay(5);
        }
    }
}
