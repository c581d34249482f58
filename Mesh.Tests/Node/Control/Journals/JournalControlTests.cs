using Mesh.Core.Control;
using Mesh.Core.Journal;
using Mesh.Core.Ledger;
using Mesh.Core.Remote;
using Mesh.Core.Resources;
using Mesh.Libp2p.Identity;
using Microsoft.Extensions.Time.Testing;
using Mesh.Node;

namespace Mesh.Tests.Node.Control.Journals;

/// <summary><see cref="JournalControl"/>: this node's journal, and other peers' fetched, checked and compared to their heads.</summary>
[TestFixture]
public sealed class JournalControlTests
{
    private static readonly IdentityKey Self = TestChain.Key(1);
    private static readonly IdentityKey Beta = TestChain.Key(2);
    private static readonly IdentityKey Client = TestChain.Key(3);

    private MemoryJournal _local = null!;
    private FakeJournalFetcher _fetcher = null!;
    private List<LedgerPeer> _rows = null!;

    [SetUp]
    public void SetUp()
    {
        _local = new MemoryJournal(Self.PeerId, TestChain.Entries(Self, Client, 5));
        _fetcher = new FakeJournalFetcher();
        _fetcher.Journals[Beta.PeerId] = TestChain.Entries(Beta, Client, 2500);
        var beta = _fetcher.Journals[Beta.PeerId];
        _rows = [Row(Self.PeerId, "alpha", isSelf: true), Row(Beta.PeerId, "beta", announced: TestChain.HeadOf(beta), contribution: SumOf(beta, Beta.PeerId))];
    }

    [Test]
    public async Task List_ThisNode_DecodesEntriesFromHeight()
    {
        var page = await Control().ListJournalAsync(null, 2, 3);

        Assert.Multiple(() =>
        {
            Assert.That(page.Peer, Is.EqualTo(Self.PeerId.ToString()));
            Assert.That(page.Name, Is.EqualTo("alpha"));
            Assert.That(page.Height, Is.EqualTo(5));
            Assert.That(page.Head, Is.EqualTo(_local.Head.HashHex));
            Assert.That(page.Entries.Select(e => e.Height), Is.EqualTo(new long[] { 2, 3, 4 }));
            Assert.That(page.Entries[0].Executor, Is.EqualTo(Self.PeerId.ToString()));
            Assert.That(page.Entries[0].Origin, Is.EqualTo(Client.PeerId.ToString()));
            Assert.That(page.Entries[0].Outcome, Is.EqualTo("exited"));
            Assert.That(page.Entries[0].ExitCode, Is.Zero);
            Assert.That(page.Entries[0].CpuSeconds, Is.EqualTo(3));
            Assert.That(page.Entries[0].WallSeconds, Is.EqualTo(10));
            Assert.That(page.Entries[1].Previous, Is.EqualTo(page.Entries[0].Hash));
            Assert.That(page.Entries[0].OriginSignature, Has.Length.EqualTo(128));
            Assert.That(_fetcher.Calls, Is.Empty);
        });
    }

    [TestCase("alpha")]
    [TestCase(null)]
    public async Task List_OwnNameOrNone_IsThisNode(string? peer)
    {
        var page = await Control().ListJournalAsync(peer, 1, 100);

        Assert.That(page.Entries, Has.Count.EqualTo(5));
    }

    [Test]
    public async Task List_OtherPeerByName_FetchesThatPage()
    {
        var page = await Control().ListJournalAsync("beta", 1001, 10);

        Assert.Multiple(() =>
        {
            Assert.That(page.Peer, Is.EqualTo(Beta.PeerId.ToString()));
            Assert.That(page.Name, Is.EqualTo("beta"));
            Assert.That(page.Height, Is.EqualTo(2500));
            Assert.That(page.Entries.Select(e => e.Height), Is.EqualTo(Enumerable.Range(1001, 10).Select(h => (long)h)));
            Assert.That(_fetcher.Calls, Is.EqualTo(new[] { (Beta.PeerId, 1001L, 10) }));
        });
    }

    [Test]
    public void List_UnknownPeer_ThrowsUnknownPeer()
    {
        var ex = Assert.ThrowsAsync<JournalRequestException>(() => Control().ListJournalAsync("gamma", 1, 10));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Error, Is.EqualTo(JournalRequestError.UnknownPeer));
            Assert.That(ex.Message, Does.Contain("gamma"));
        });
    }

    [Test]
    public void Verify_AmbiguousName_ThrowsNamingBothIds()
    {
        var other = TestChain.Key(9).PeerId;
        _rows.Add(Row(other, "beta"));

        var ex = Assert.ThrowsAsync<JournalRequestException>(() => Control().VerifyJournalAsync("beta"));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Error, Is.EqualTo(JournalRequestError.UnknownPeer));
            Assert.That(ex.Message, Does.Contain("ambiguous").And.Contain(other.ToString()).And.Contain(Beta.PeerId.ToString()));
        });
    }

    [Test]
    public void Verify_PeerUnreachable_ThrowsUnreachable()
    {
        _fetcher.Failure = new PeerUnreachableException("dial failed: connection refused");

        var ex = Assert.ThrowsAsync<JournalRequestException>(() => Control().VerifyJournalAsync(Beta.PeerId.ToString()));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Error, Is.EqualTo(JournalRequestError.Unreachable));
            Assert.That(ex.Message, Does.Contain("beta").And.Contain("connection refused"));
        });
    }

    [Test]
    public void Verify_MalformedAnswer_ThrowsUnreachable()
    {
        _fetcher.Failure = new JournalProtocolException("more entries than asked for");

        var ex = Assert.ThrowsAsync<JournalRequestException>(() => Control().VerifyJournalAsync("beta"));

        Assert.That(ex!.Error, Is.EqualTo(JournalRequestError.Unreachable));
    }

    [Test]
    public async Task Verify_ThisNodeIntact_IsGreen()
    {
        var verdict = await Control().VerifyJournalAsync(null);

        Assert.Multiple(() =>
        {
            Assert.That(verdict.Ok, Is.True);
            Assert.That(verdict.FirstBad, Is.Null);
            Assert.That(verdict.Entries, Is.EqualTo(5));
            Assert.That(verdict.Head, Is.EqualTo(_local.Head.HashHex));
        });
    }

    [Test]
    public async Task Verify_ThisNodeEntryDeleted_NamesWrongHeight()
    {
        _local.Entries.RemoveAt(2);

        var verdict = await Control().VerifyJournalAsync(null);

        Assert.Multiple(() =>
        {
            Assert.That(verdict.Ok, Is.False);
            Assert.That(verdict.FirstBad!.Position, Is.EqualTo(3));
            Assert.That(verdict.FirstBad.Kind, Is.EqualTo("wrongHeight"));
        });
    }

    [Test]
    public async Task Verify_OtherPeerIntact_FetchesEveryPageAndIsGreen()
    {
        var verdict = await Control().VerifyJournalAsync("beta");

        Assert.Multiple(() =>
        {
            Assert.That(verdict.Ok, Is.True, verdict.FirstBad?.Detail);
            Assert.That(verdict.Entries, Is.EqualTo(2500));
            Assert.That(verdict.Name, Is.EqualTo("beta"));
            Assert.That(_fetcher.Calls.Select(c => c.From), Is.EqualTo(new long[] { 1, 1025, 2049 }));
        });
    }

    [Test]
    public async Task Verify_OtherPeerRecordEdited_NamesBadExecutorSignature()
    {
        var entries = _fetcher.Journals[Beta.PeerId] = TestChain.Entries(Beta, Client, 4);
        _rows[1] = Row(Beta.PeerId, "beta");
        var forged = TestChain.Transaction(Beta, Client, 2);
        var tampered = forged with { RecordBytes = ComputeRecordCodec.Encode(forged.Record with { ExitCode = 1 }) };
        entries[2] = JournalEntryCodec.Encode(3, JournalEntryCodec.Hash(entries[1]), tampered);

        var verdict = await Control().VerifyJournalAsync("beta");

        Assert.Multiple(() =>
        {
            Assert.That(verdict.Ok, Is.False);
            Assert.That(verdict.FirstBad!.Position, Is.EqualTo(3));
            Assert.That(verdict.FirstBad.Kind, Is.EqualTo("badExecutorSignature"));
        });
    }

    [Test]
    public async Task Verify_OtherPeerServesShorterThanItsHead_NamesHeadMismatch()
    {
        var entries = _fetcher.Journals[Beta.PeerId] = TestChain.Entries(Beta, Client, 4);
        _fetcher.ServedHead = new JournalHead(6, new byte[32]);
        _rows[1] = Row(Beta.PeerId, "beta");

        var verdict = await Control().VerifyJournalAsync("beta");

        Assert.Multiple(() =>
        {
            Assert.That(verdict.Ok, Is.False);
            Assert.That(verdict.FirstBad!.Kind, Is.EqualTo("headMismatch"));
            Assert.That(verdict.FirstBad.Position, Is.EqualTo(entries.Count + 1));
        });
    }

    [Test]
    public async Task Verify_OtherPeerRewroteWhatItAnnounced_NamesHeadMismatchAtThatHeight()
    {
        // The ledger entry announced a head at height 3 of a chain that the peer has since replaced by another one.
        var announced = TestChain.HeadOf(TestChain.Entries(Beta, TestChain.Key(7), 3));
        _fetcher.Journals[Beta.PeerId] = TestChain.Entries(Beta, Client, 5);
        _rows[1] = Row(Beta.PeerId, "beta", announced: announced);

        var verdict = await Control().VerifyJournalAsync("beta");

        Assert.Multiple(() =>
        {
            Assert.That(verdict.Ok, Is.False);
            Assert.That(verdict.FirstBad!.Kind, Is.EqualTo("headMismatch"));
            Assert.That(verdict.FirstBad.Position, Is.EqualTo(3));
            Assert.That(verdict.FirstBad.Detail, Does.Contain("ledger entry").And.Contain(announced.HashHex[..12]));
        });
    }

    [Test]
    public async Task Verify_OtherPeerAnnouncedHeadInsideChain_IsGreen()
    {
        var entries = _fetcher.Journals[Beta.PeerId] = TestChain.Entries(Beta, Client, 5);
        _rows[1] = Row(Beta.PeerId, "beta", announced: TestChain.HeadOf(entries.Take(3).ToList()), contribution: SumOf(entries.Take(3), Beta.PeerId));

        var verdict = await Control().VerifyJournalAsync("beta");

        Assert.That(verdict.Ok, Is.True, verdict.FirstBad?.Detail);
    }

    [Test]
    public async Task Verify_OtherPeerClaimsMoreThanItsJournalHolds_NamesContributionMismatch()
    {
        var entries = _fetcher.Journals[Beta.PeerId] = TestChain.Entries(Beta, Client, 4);
        var actual = SumOf(entries, Beta.PeerId);
        var inflated = actual with { Given = actual.Given with { CpuSeconds = actual.Given.CpuSeconds + 3600 } };
        _rows[1] = Row(Beta.PeerId, "beta", announced: TestChain.HeadOf(entries), contribution: inflated);

        var verdict = await Control().VerifyJournalAsync("beta");

        Assert.Multiple(() =>
        {
            Assert.That(verdict.Ok, Is.False);
            Assert.That(verdict.FirstBad!.Kind, Is.EqualTo("contributionMismatch"));
            Assert.That(verdict.FirstBad.Position, Is.EqualTo(4));
            Assert.That(verdict.FirstBad.Detail, Does.Contain("given"));
        });
    }

    [Test]
    public async Task Verify_OtherPeerLeftOutATransactionWithThisNode_NamesOmitted()
    {
        // This node ran three tasks for beta, each countersigned by beta; beta's own journal holds none of them.
        _local = new MemoryJournal(Self.PeerId, TestChain.Entries(Self, Beta, 3));

        var verdict = await Control().VerifyJournalAsync("beta");

        Assert.Multiple(() =>
        {
            Assert.That(verdict.Ok, Is.False);
            Assert.That(verdict.FirstBad!.Kind, Is.EqualTo("omitted"));
            Assert.That(verdict.FirstBad.Position, Is.EqualTo(2501));
            Assert.That(verdict.FirstBad.Detail, Does.Contain("as origin").And.Contain("entry 1 here"));
        });
    }

    [Test]
    public async Task Verify_TransactionsAtBothEnds_IsGreen()
    {
        var shared = Enumerable.Range(0, 3).Select(i => TestChain.Transaction(Self, Beta, i)).ToList();
        _local = new MemoryJournal(Self.PeerId, Chain(shared));
        var beta = _fetcher.Journals[Beta.PeerId] = Chain(shared);
        _rows[1] = Row(Beta.PeerId, "beta", announced: TestChain.HeadOf(beta), contribution: SumOf(beta, Beta.PeerId));

        var verdict = await Control().VerifyJournalAsync("beta");

        Assert.That(verdict.Ok, Is.True, verdict.FirstBad?.Detail);
    }

    [Test]
    public async Task Verify_MissingTransactionStillWithinTheGrace_IsGreen()
    {
        _local = new MemoryJournal(Self.PeerId, TestChain.Entries(Self, Beta, 3));
        var soon = new FakeTimeProvider(TestChain.Start.AddMinutes(3));

        var verdict = await Control(time: soon).VerifyJournalAsync("beta");

        Assert.That(verdict.Ok, Is.True, verdict.FirstBad?.Detail);
    }

    [Test]
    public void Verify_OtherPeerPastTheLimit_ThrowsTooLarge()
    {
        var control = Control(new JournalControlOptions { MaxVerifyEntries = 2000 });

        var ex = Assert.ThrowsAsync<JournalRequestException>(() => control.VerifyJournalAsync("beta"));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Error, Is.EqualTo(JournalRequestError.TooLarge));
            Assert.That(_fetcher.Calls, Has.Count.EqualTo(1), "stops before fetching the rest");
        });
    }

    [Test]
    public void Options_PageSizeOutOfRange_ThrowsNamingIt()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new JournalControlOptions { PageSize = 2000 }.Validate());

        Assert.That(ex!.ParamName, Is.EqualTo(nameof(JournalControlOptions.PageSize)));
    }

    private static List<byte[]> Chain(IEnumerable<SignedComputeRecord> transactions)
    {
        var entries = new List<byte[]>();
        var previous = JournalHead.Genesis.Hash.ToArray();
        foreach (var transaction in transactions)
        {
            var bytes = JournalEntryCodec.Encode(entries.Count + 1, previous, transaction);
            entries.Add(bytes);
            previous = JournalEntryCodec.Hash(bytes);
        }

        return entries;
    }

    private JournalControl Control(JournalControlOptions? options = null, TimeProvider? time = null) =>
        new(_local, _fetcher, () => new PeerTableSnapshot(Self.PeerId, _rows, new LayerTotals(default, default, default), 1, TestChain.Start), "alpha", options, time);

    private static Contribution SumOf(IEnumerable<byte[]> entries, PeerId owner) =>
        ContributionCalculator.Sum(entries.Select(e => JournalEntryCodec.TryRead(e, out var entry, out _) ? entry.Transaction.Record : throw new AssertionException("bad test entry")), owner);

    private static LedgerPeer Row(PeerId peer, string name, bool isSelf = false, JournalHead? announced = null, Contribution? contribution = null) => new(
        new LedgerEntry
        {
            Peer = peer,
            Name = name,
            Version = 1,
            IssuedAt = TestChain.Start,
            Capacity = new ResourceVector(1, 1, 1, 0),
            Reserved = default,
            Surplus = new ResourceVector(1, 1, 1, 0),
            Journal = announced is null ? null : new JournalSummary(announced, contribution ?? Contribution.None),
        },
        TestChain.Start,
        1,
        isSelf);
}
