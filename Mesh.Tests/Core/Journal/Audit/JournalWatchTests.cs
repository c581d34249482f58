using Mesh.Core.Journal;
using Mesh.Core.Journal.Audit;
using Mesh.Core.Remote;
using Mesh.Libp2p.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Mesh.Tests.Core.Journal.Audit;

/// <summary>The head watch and its audits (docs/protocol.md, "Journal", head watch), with a fake fetcher on fake time.</summary>
[CancelAfter(10_000)]
public sealed class JournalWatchTests
{
    private static readonly IdentityKey Owner = IdentityKey.Generate();
    private static readonly IdentityKey Other = IdentityKey.Generate();
    private static readonly List<byte[]> Chain = JournalTestData.Chain(Owner, Other, 8);

    private FakeTimeProvider _time = null!;
    private FakeJournalFetcher _fetcher = null!;
    private JournalWatchOptions _options = null!;
    private JournalWatch _watch = null!;

    private static PeerId Peer => Owner.PeerId;

    [SetUp]
    public void SetUp()
    {
        _time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_764_000_000_000));
        _fetcher = new FakeJournalFetcher { Entries = Chain };
        _options = new JournalWatchOptions();
        _watch = new JournalWatch(_fetcher, _options, _time, TestLogging.Factory.CreateLogger<JournalWatch>());
        _watch.Start();
    }

    [TearDown]
    public async Task TearDown() => await _watch.DisposeAsync();

    [Test]
    public void StateOf_NothingSeen_IsUnknown()
    {
        Assert.That(_watch.StateOf(Peer), Is.EqualTo(JournalPeerState.Unknown));
    }

    [Test]
    public void Observe_FirstHead_IsConsistentAndVerifiedWithoutFetching()
    {
        _watch.Observe(Peer, HeadAt(3));

        var state = _watch.StateOf(Peer);
        Assert.Multiple(() =>
        {
            Assert.That(state.Status, Is.EqualTo(JournalPeerStatus.Consistent));
            Assert.That(state.Verified!.SameAs(HeadAt(3)), Is.True);
            Assert.That(_fetcher.Calls, Is.Zero);
        });
    }

    [Test]
    public async Task Observe_SameHeadAgain_ChangesNothing()
    {
        _watch.Observe(Peer, HeadAt(3));
        _watch.Observe(Peer, HeadAt(3));
        await Task.Delay(50);

        Assert.That(_watch.StateOf(Peer).Status, Is.EqualTo(JournalPeerStatus.Consistent));
        Assert.That(_fetcher.Calls, Is.Zero);
    }

    [Test]
    public void Observe_SameHeightOtherHash_IsForked()
    {
        _watch.Observe(Peer, HeadAt(3));
        _watch.Observe(Peer, new JournalHead(3, new byte[32]));

        var state = _watch.StateOf(Peer);
        Assert.Multiple(() =>
        {
            Assert.That(state.Status, Is.EqualTo(JournalPeerStatus.Forked));
            Assert.That(state.Problem, Does.Contain("height 3").And.Contain(HeadAt(3).HashHex[..12]));
        });
    }

    [Test]
    public void Observe_LowerHeight_IsForked()
    {
        _watch.Observe(Peer, HeadAt(5));
        _watch.Observe(Peer, HeadAt(4));

        var state = _watch.StateOf(Peer);
        Assert.That(state.Status, Is.EqualTo(JournalPeerStatus.Forked));
        Assert.That(state.Problem, Does.Contain("from 5 to 4"));
    }

    [Test]
    public async Task Observe_HigherHeightWithAGoodChain_AuditsAndAdvancesVerified()
    {
        _watch.Observe(Peer, HeadAt(3));
        _watch.Observe(Peer, HeadAt(8));

        await WaitUntilAsync(() => _watch.StateOf(Peer).Verified!.Height == 8, "the audit");

        var state = _watch.StateOf(Peer);
        Assert.Multiple(() =>
        {
            Assert.That(state.Status, Is.EqualTo(JournalPeerStatus.Consistent));
            Assert.That(state.Verified!.SameAs(HeadAt(8)), Is.True);
            Assert.That(state.Problem, Is.Null);
        });
    }

    [Test]
    public async Task Observe_FromAnEmptyJournal_AuditsFromTheFirstEntryInPages()
    {
        _options.PageSize = 3;
        await using var watch = new JournalWatch(_fetcher, _options, _time, TestLogging.Factory.CreateLogger<JournalWatch>());
        watch.Start();

        watch.Observe(Peer, JournalHead.Genesis);
        watch.Observe(Peer, HeadAt(8));

        await WaitUntilAsync(() => watch.StateOf(Peer).Verified!.Height == 8, "the audit");
        Assert.That(_fetcher.Calls, Is.EqualTo(3));
    }

    [Test]
    public async Task Observe_HigherHeadOfAChainWithoutTheVerifiedHead_IsForked()
    {
        var rewritten = JournalTestData.Chain(Owner, IdentityKey.Generate(), 8);
        _watch.Observe(Peer, HeadAt(3));
        _fetcher.Entries = rewritten;

        _watch.Observe(Peer, new JournalHead(8, JournalEntryCodec.Hash(rewritten[^1])));
        await WaitUntilAsync(() => _watch.StateOf(Peer).Status == JournalPeerStatus.Forked, "the fork");

        Assert.That(_watch.StateOf(Peer).Problem, Does.Contain("height 3"));
        Assert.That(_watch.StateOf(Peer).Verified!.SameAs(HeadAt(3)), Is.True);
    }

    [Test]
    public async Task Observe_HigherHeadWithABrokenLinkAfterTheVerifiedHead_IsForked()
    {
        var spliced = Chain.Take(5).Concat(JournalTestData.Chain(Owner, IdentityKey.Generate(), 8).Skip(5)).ToList();
        _watch.Observe(Peer, HeadAt(3));
        _fetcher.Entries = spliced;

        _watch.Observe(Peer, new JournalHead(8, JournalEntryCodec.Hash(spliced[^1])));
        await WaitUntilAsync(() => _watch.StateOf(Peer).Status == JournalPeerStatus.Forked, "the fork");

        Assert.That(_watch.StateOf(Peer).Problem, Does.Contain("height 6"));
    }

    [Test]
    public async Task Observe_HigherHeadThatTheChainDoesNotEndAt_IsForked()
    {
        _watch.Observe(Peer, HeadAt(3));

        _watch.Observe(Peer, new JournalHead(8, new byte[32]));
        await WaitUntilAsync(() => _watch.StateOf(Peer).Status == JournalPeerStatus.Forked, "the fork");

        Assert.That(_watch.StateOf(Peer).Problem, Does.Contain("as announced"));
    }

    [Test]
    public async Task Observe_HigherHeadButThePeerServesLess_IsForked()
    {
        _watch.Observe(Peer, HeadAt(3));
        _fetcher.Entries = [.. Chain.Take(3)];

        _watch.Observe(Peer, HeadAt(8));
        await WaitUntilAsync(() => _watch.StateOf(Peer).Status == JournalPeerStatus.Forked, "the fork");
    }

    [Test]
    public async Task Observe_AnotherPeersEntriesInTheChain_IsForked()
    {
        var stranger = IdentityKey.Generate();
        var theirs = JournalTestData.Chain(stranger, Other, 8);
        _fetcher.Entries = theirs;

        _watch.Observe(Peer, JournalHead.Genesis);
        _watch.Observe(Peer, new JournalHead(8, JournalEntryCodec.Hash(theirs[^1])));
        await WaitUntilAsync(() => _watch.StateOf(Peer).Status == JournalPeerStatus.Forked, "the fork");

        Assert.That(_watch.StateOf(Peer).Problem, Does.Contain("neither"));
    }

    [Test]
    public async Task Observe_PeerUnreachable_KeepsTheVerifiedHeadAndRetriesAfterTheInterval()
    {
        _fetcher.Failure = new PeerUnreachableException("gone");
        _watch.Observe(Peer, HeadAt(3));
        _watch.Observe(Peer, HeadAt(8));
        await WaitUntilAsync(() => _fetcher.Calls == 1, "the first try");
        await Task.Delay(100);

        var before = _watch.StateOf(Peer);
        var callsBefore = _fetcher.Calls;
        _fetcher.Failure = null;
        await AdvanceUntilAsync(() => _watch.StateOf(Peer).Verified!.Height == 8, "the retry");

        Assert.Multiple(() =>
        {
            Assert.That(before.Status, Is.EqualTo(JournalPeerStatus.Consistent));
            Assert.That(before.Verified!.SameAs(HeadAt(3)), Is.True);
            Assert.That(callsBefore, Is.EqualTo(1), "no retry before the interval");
        });
    }

    [Test]
    public async Task Observe_PeerLostAfterTheFirstPage_KeepsWhatWasChecked()
    {
        _options.PageSize = 3;
        await using var watch = new JournalWatch(_fetcher, _options, _time, TestLogging.Factory.CreateLogger<JournalWatch>());
        watch.Start();
        _fetcher.FailCall = 2;

        watch.Observe(Peer, JournalHead.Genesis);
        watch.Observe(Peer, HeadAt(8));
        await WaitUntilAsync(() => watch.StateOf(Peer).Verified!.Height == 3, "the first page");
        await AdvanceUntilAsync(() => watch.StateOf(Peer).Verified!.Height == 8, "the rest");

        Assert.That(watch.StateOf(Peer).Status, Is.EqualTo(JournalPeerStatus.Consistent));
    }

    [Test]
    public async Task Observe_MalformedAnswer_IsNotAFork()
    {
        _fetcher.Failure = new JournalProtocolException("garbled");
        _watch.Observe(Peer, HeadAt(3));
        _watch.Observe(Peer, HeadAt(8));
        await WaitUntilAsync(() => _fetcher.Calls == 1, "the try");
        await Task.Delay(50);

        Assert.That(_watch.StateOf(Peer).Status, Is.EqualTo(JournalPeerStatus.Consistent));
    }

    [Test]
    public async Task Observe_AfterAFork_StaysForkedAndFetchesNothing()
    {
        _watch.Observe(Peer, HeadAt(5));
        _watch.Observe(Peer, HeadAt(4));

        _watch.Observe(Peer, HeadAt(8));
        _watch.Observe(Peer, HeadAt(5));
        await Task.Delay(50);

        Assert.Multiple(() =>
        {
            Assert.That(_watch.StateOf(Peer).Status, Is.EqualTo(JournalPeerStatus.Forked));
            Assert.That(_watch.StateOf(Peer).Problem, Does.Contain("from 5 to 4"));
            Assert.That(_fetcher.Calls, Is.Zero);
        });
    }

    [Test]
    public void Observe_ForkedPeer_WarnsOnce()
    {
        var mark = LogCapture.Mark();
        _watch.Observe(Peer, HeadAt(5));

        _watch.Observe(Peer, HeadAt(4));
        _watch.Observe(Peer, HeadAt(3));
        _watch.Observe(Peer, new JournalHead(5, new byte[32]));

        Assert.That(LogCapture.Since(mark, Peer.ToString()).Count(l => l.Contains("forked", StringComparison.Ordinal)), Is.EqualTo(1));
    }

    [Test]
    public async Task DisposeAsync_AuditInFlight_CancelsItAndWaits()
    {
        _fetcher.Gate = new TaskCompletionSource();
        _watch.Observe(Peer, HeadAt(3));
        _watch.Observe(Peer, HeadAt(8));
        await WaitUntilAsync(() => _fetcher.Calls == 1, "the audit to start");

        await _watch.DisposeAsync();

        Assert.That(_fetcher.SawCancellation, Is.True);
    }

    private static JournalHead HeadAt(int height) => new(height, JournalEntryCodec.Hash(Chain[height - 1]));

    private async Task AdvanceUntilAsync(Func<bool> condition, string what)
    {
        for (var step = 0; !condition(); step++)
        {
            if (step == 200)
            {
                Assert.Fail($"{what} did not happen within 200 s of fake time");
            }

            _time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(10);
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
