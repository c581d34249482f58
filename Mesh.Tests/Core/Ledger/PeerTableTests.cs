using Mesh.Core.Ledger;
using Mesh.Core.Resources;
using Mesh.Libp2p.Identity;
using Microsoft.Extensions.Time.Testing;
using static Mesh.Tests.Core.Ledger.LedgerTestData;

namespace Mesh.Tests.Core.Ledger;

public sealed class PeerTableTests
{
    private readonly IdentityKey _self = IdentityKey.Generate();
    private FakeTimeProvider _time = null!;
    private LedgerOptions _options = null!;
    private PeerTable _table = null!;

    [SetUp]
    public void SetUp()
    {
        _time = new FakeTimeProvider(Epoch);
        _options = new LedgerOptions();
        _table = new PeerTable(_self.PeerId, _options, _time);
    }

    [Test]
    public void Snapshot_Fig7TwoNodes_TotalsAreTheSumOfBothIncludingSelf()
    {
        _table.SetLocal(Entry(_self, 1, _time.GetUtcNow(), NodeA));
        _table.Apply(Entry(IdentityKey.Generate(), 1, _time.GetUtcNow(), NodeB), out _);

        var snapshot = _table.Snapshot();

        Assert.Multiple(() =>
        {
            Assert.That(snapshot.Peers.Single(p => p.IsSelf).Entry.Surplus, Is.EqualTo(new ResourceVector(3, 7 * GiB, 750 * GB, 0)));
            Assert.That(snapshot.Peers.Single(p => !p.IsSelf).Entry.Surplus, Is.EqualTo(new ResourceVector(1, 7 * GiB + 512 * MiB, 250 * GB, 0)));
            Assert.That(snapshot.Totals.Surplus, Is.EqualTo(new ResourceVector(4, 14 * GiB + 512 * MiB, TB, 0)));
            Assert.That(snapshot.Totals.Capacity, Is.EqualTo(new ResourceVector(6, 16 * GiB, 1500 * GB, 0)));
            Assert.That(snapshot.Totals.InUse, Is.EqualTo(ResourceVector.Zero));
        });
    }

    [Test]
    public void Snapshot_Scores_RankFastestFirstTiesShareUnmeasuredLast()
    {
        _table.SetLocal(Entry(_self, 1, _time.GetUtcNow(), NodeA with { Score = 50 }));
        var scores = new[] { 100.0, 50, 0, 10 };
        var peers = scores.Select(s => (Identity: IdentityKey.Generate(), Score: s)).ToArray();
        foreach (var (identity, score) in peers)
        {
            _table.Apply(Entry(identity, 1, _time.GetUtcNow(), NodeB with { Score = score }), out _);
        }

        var ranks = _table.Snapshot().Peers.ToDictionary(p => p.Entry.Peer, p => p.Rank);

        Assert.Multiple(() =>
        {
            Assert.That(ranks[peers[0].Identity.PeerId], Is.EqualTo(1));
            Assert.That(ranks[_self.PeerId], Is.EqualTo(2));
            Assert.That(ranks[peers[1].Identity.PeerId], Is.EqualTo(2), "a tie shares the rank");
            Assert.That(ranks[peers[3].Identity.PeerId], Is.EqualTo(4));
            Assert.That(ranks[peers[2].Identity.PeerId], Is.EqualTo(5), "unmeasured after every measured peer");
            Assert.That(_table.Snapshot().Peers.Select(p => p.Rank), Is.Ordered);
        });
    }

    [Test]
    public void ExpireSilent_PeerQuietForExpireAfter_IsRemovedOthersStay()
    {
        _table.SetLocal(Entry(_self, 1, _time.GetUtcNow()));
        var quiet = IdentityKey.Generate();
        var talking = IdentityKey.Generate();
        _table.Apply(Entry(quiet, 1, _time.GetUtcNow()), out _);
        _table.Apply(Entry(talking, 1, _time.GetUtcNow()), out _);

        _time.Advance(_options.ExpireAfter - TimeSpan.FromSeconds(1));
        _table.Apply(Entry(talking, 2, _time.GetUtcNow()), out _);
        Assert.That(_table.ExpireSilent(), Is.Empty, "nobody is silent for the whole window yet");
        _time.Advance(TimeSpan.FromSeconds(1));
        var expired = _table.ExpireSilent();

        Assert.Multiple(() =>
        {
            Assert.That(expired.Select(e => e.Peer), Is.EqualTo(new[] { quiet.PeerId }));
            Assert.That(_table.Snapshot().Peers.Select(p => p.Entry.Peer), Is.EquivalentTo(new[] { _self.PeerId, talking.PeerId }));
        });
    }

    [Test]
    public void ExpireSilent_OwnRow_NeverExpires()
    {
        _table.SetLocal(Entry(_self, 1, _time.GetUtcNow()));
        _time.Advance(TimeSpan.FromHours(1));

        _table.ExpireSilent();

        Assert.That(_table.Snapshot().SelfRow, Is.Not.Null);
    }

    [Test]
    public void ChangeCount_AddReplaceExpire_IncreasesEachTimeStaleDoesNot()
    {
        var peer = IdentityKey.Generate();
        var counts = new List<long> { _table.ChangeCount };
        _table.Apply(Entry(peer, 5, _time.GetUtcNow()), out _);
        counts.Add(_table.ChangeCount);
        _table.Apply(Entry(peer, 6, _time.GetUtcNow()), out _);
        counts.Add(_table.ChangeCount);
        _table.Apply(Entry(peer, 4, _time.GetUtcNow()), out _);
        var afterStale = _table.ChangeCount;
        _time.Advance(_options.ExpireAfter);
        _table.ExpireSilent();
        counts.Add(_table.ChangeCount);

        Assert.Multiple(() =>
        {
            Assert.That(counts, Is.Ordered.Ascending.And.Unique);
            Assert.That(afterStale, Is.EqualTo(counts[2]));
        });
    }

    [Test]
    public void Snapshot_LaterChanges_DoNotAlterAnEarlierSnapshot()
    {
        _table.SetLocal(Entry(_self, 1, _time.GetUtcNow()));
        var before = _table.Snapshot();

        _table.Apply(Entry(IdentityKey.Generate(), 1, _time.GetUtcNow()), out _);

        Assert.Multiple(() =>
        {
            Assert.That(before.Peers, Has.Count.EqualTo(1));
            Assert.That(_table.Snapshot().Peers, Has.Count.EqualTo(2));
        });
    }

    [Test]
    public void SetLocal_AnotherPeersEntry_Throws()
    {
        Assert.Throws<ArgumentException>(() => _table.SetLocal(Entry(IdentityKey.Generate(), 1, _time.GetUtcNow())));
    }

    [Test]
    public void ToPeersView_Fig7_MapsEveryRowAndTotals()
    {
        _table.SetLocal(Entry(_self, 1, _time.GetUtcNow(), NodeA with { Addresses = ["/ip4/127.0.0.1/tcp/4001"] }));
        var other = IdentityKey.Generate();
        _table.Apply(Entry(other, 1, _time.GetUtcNow(), NodeB), out _);

        var view = LedgerViews.ToPeersView(_table.Snapshot());

        Assert.Multiple(() =>
        {
            Assert.That(view.Self, Is.EqualTo(_self.PeerId.ToString()));
            Assert.That(view.Peers.Select(p => p.Id), Is.EquivalentTo(new[] { _self.PeerId.ToString(), other.PeerId.ToString() }));
            var self = view.Peers.Single(p => p.IsSelf);
            Assert.That(self.Name, Is.EqualTo("node-a"));
            Assert.That(self.Addrs, Is.EqualTo(new[] { "/ip4/127.0.0.1/tcp/4001" }));
            Assert.That(self.Reserved, Is.EqualTo(new ResourceVector(1, GiB, 250 * GB, 0)));
            Assert.That(self.LastSeen, Is.EqualTo(Epoch));
            Assert.That(view.Totals.Surplus, Is.EqualTo(new ResourceVector(4, 14 * GiB + 512 * MiB, TB, 0)));
        });
    }

    [Test]
    public void Options_ExpireAfterNotAboveTwoPublishIntervals_IsRefusedNamingTheOption()
    {
        var options = new LedgerOptions { PublishInterval = TimeSpan.FromSeconds(5), ExpireAfter = TimeSpan.FromSeconds(10) };

        var error = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);

        Assert.That(error!.ParamName, Is.EqualTo(nameof(LedgerOptions.ExpireAfter)));
    }
}
