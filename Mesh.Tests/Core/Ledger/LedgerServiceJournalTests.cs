using Mesh.Core.Journal;
using Mesh.Core.Ledger;
using Mesh.Libp2p.Identity;
using Mesh.Tests.Core.Network;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using static Mesh.Tests.Core.Ledger.LedgerTestData;

namespace Mesh.Tests.Core.Ledger;

/// <summary>The node's journal summary in its own entry, and the accepted-entry event, over the in-memory pubsub on fake time.</summary>
[CancelAfter(10_000)]
public sealed class LedgerServiceJournalTests
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
    public async Task JournalSource_Set_OwnRowCarriesTheSummary()
    {
        await using var service = Create();

        service.JournalSource = () => Summary(3);

        Assert.That(service.Table.Snapshot().SelfRow!.Entry.Journal!.Head.Height, Is.EqualTo(3));
    }

    [Test]
    public async Task JournalSource_NotSet_EntryHasNoJournal()
    {
        await using var service = Create();
        await service.StartAsync();
        await WaitUntilAsync(() => _network.Published.Count == 1, "first publication");

        Assert.That(LedgerEntryCodec.TryDecode(_network.Published[0].Data).Entry!.Journal, Is.Null);
    }

    [Test]
    public async Task JournalChanged_NewHead_PublishesWithoutWaitingForTheInterval()
    {
        var height = 1;
        await using var service = Create();
        service.JournalSource = () => Summary(height);
        await service.StartAsync();
        await WaitUntilAsync(() => PublishedHeights().Contains(1), "a publication of height 1");

        height = 2;
        var changed = service.JournalChanged();

        // Steps of the change gap only, well inside one publish interval: only a change-driven publication fits.
        var elapsed = TimeSpan.Zero;
        while (!PublishedHeights().Contains(2) && elapsed < _options.PublishInterval / 2)
        {
            _time.Advance(_options.MinChangeGap);
            elapsed += _options.MinChangeGap;
            await Task.Delay(20);
        }

        Assert.Multiple(() =>
        {
            Assert.That(changed, Is.True);
            Assert.That(PublishedHeights(), Does.Contain(2L));
        });
    }

    [Test]
    public async Task JournalChanged_SameSummary_ReportsNoChange()
    {
        await using var service = Create();
        service.JournalSource = () => Summary(5);

        Assert.That(service.JournalChanged(), Is.False);
    }

    [Test]
    public async Task JournalChanged_InvalidSummary_IsLeftOutAndTheOldOneKept()
    {
        var valid = true;
        await using var service = Create();
        service.JournalSource = () => valid ? Summary(5) : Summary(6) with { Head = new JournalHead(6, new byte[3]) };

        valid = false;
        var changed = service.JournalChanged();

        Assert.Multiple(() =>
        {
            Assert.That(changed, Is.False);
            Assert.That(service.Table.Snapshot().SelfRow!.Entry.Journal!.Head.Height, Is.EqualTo(5));
        });
    }

    [Test]
    public async Task UpdateLocal_WithAJournalSource_KeepsTheSummary()
    {
        await using var service = Create();
        service.JournalSource = () => Summary(9);

        service.UpdateLocal(NodeA with { Queued = 4 });

        Assert.That(service.Table.Snapshot().SelfRow!.Entry.Journal!.Head.Height, Is.EqualTo(9));
    }

    [Test]
    public async Task EntryAccepted_PeersEntry_IsRaisedWithTheDecodedJournal()
    {
        await using var service = Create();
        var seen = new List<LedgerEntry>();
        service.EntryAccepted += (_, e) =>
        {
            lock (seen)
            {
                seen.Add(e.Entry);
            }
        };
        await service.StartAsync();
        var peer = IdentityKey.Generate();

        var entry = Entry(peer, 1, _time.GetUtcNow(), NodeB) with { Journal = Summary(4) };
        _network.Inject(_options.Topic, peer.PeerId, LedgerEntryCodec.Encode(entry, peer));
        _network.Inject(_options.Topic, peer.PeerId, LedgerEntryCodec.Encode(entry, peer)); // stale: not raised again
        await WaitUntilAsync(() => service.Statistics.Count(LedgerReceiveResult.Stale) == 1, "both received");

        lock (seen)
        {
            Assert.That(seen, Has.Count.EqualTo(1));
            Assert.That(seen[0].Journal!.Head.Height, Is.EqualTo(4));
        }
    }

    [Test]
    public async Task EntryAccepted_HandlerThrows_ReceiverKeepsRunning()
    {
        await using var service = Create();
        service.EntryAccepted += (_, _) => throw new InvalidOperationException("a buggy subscriber");
        await service.StartAsync();
        var first = IdentityKey.Generate();
        var second = IdentityKey.Generate();

        _network.Inject(_options.Topic, first.PeerId, LedgerEntryCodec.Encode(Entry(first, 1, _time.GetUtcNow(), NodeB), first));
        _network.Inject(_options.Topic, second.PeerId, LedgerEntryCodec.Encode(Entry(second, 1, _time.GetUtcNow(), NodeB), second));

        await WaitUntilAsync(() => service.Table.Count == 3, "both peers' rows");
    }

    private List<long?> PublishedHeights() =>
        [.. _network.Published.ToArray().Select(p => LedgerEntryCodec.TryDecode(p.Data).Entry?.Journal?.Head.Height)];

    private static JournalSummary Summary(long height) => new(
        new JournalHead(height, Enumerable.Repeat((byte)height, JournalHead.HashLength).ToArray()),
        new Contribution(new ResourceSeconds(height, 0, 0, height), ResourceSeconds.Zero));

    private LedgerService Create() =>
        new(_network.Join(_identity.PeerId), _identity, NodeA, _options, _time, TestLogging.Factory.CreateLogger<LedgerService>());

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
