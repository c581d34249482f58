using Mesh.Core.Journal;
using Mesh.Core.Tasks;
using Mesh.Libp2p.Identity;

namespace Mesh.Tests.Core.Journal;

public sealed class JournalServiceTests
{
    private JournalServiceHarness _harness = null!;

    [SetUp]
    public void SetUp() => _harness = new JournalServiceHarness();

    [TearDown]
    public void TearDown() => _harness.Dispose();

    [Test]
    public async Task AppendAsync_ThenReopen_KeepsChainHeadAndContribution()
    {
        JournalHead head;
        Contribution contribution;
        using (var journal = _harness.Open())
        {
            for (ulong attempt = 1; attempt <= 7; attempt++)
            {
                await journal.AppendAsync(_harness.Transaction(attempt));
            }

            head = journal.Head;
            contribution = journal.Contribution;
        }

        using var reopened = _harness.Open();

        Assert.Multiple(() =>
        {
            Assert.That(head.Height, Is.EqualTo(7));
            Assert.That(reopened.Head.SameAs(head), Is.True);
            Assert.That(reopened.Contribution, Is.EqualTo(contribution));
            Assert.That(contribution.Given.Tasks, Is.EqualTo(2), "attempts 3 and 6 ran on the owner for the other");
            Assert.That(contribution.Used.Tasks, Is.EqualTo(3), "attempts 1, 4 and 7 ran on the other for the owner");
            Assert.That(contribution.Given.CpuSeconds, Is.EqualTo(8));
            Assert.That(reopened.Verify().Ok, Is.True);
            Assert.That(reopened.TryFind(new TaskId(0x0193_0000_0000_0001, 5), new AttemptId(5), out var found), Is.True);
            Assert.That(found!.Height, Is.EqualTo(5));
        });
    }

    [Test]
    public async Task AppendAsync_Entries_LinkFromGenesis()
    {
        using var journal = _harness.Open();

        var first = await journal.AppendAsync(_harness.Transaction(1));
        var second = await journal.AppendAsync(_harness.Transaction(2));

        Assert.Multiple(() =>
        {
            Assert.That(first.Height, Is.EqualTo(1));
            Assert.That(first.Previous.ToArray(), Is.EqualTo(new byte[32]));
            Assert.That(second.Previous.ToArray(), Is.EqualTo(first.Hash.ToArray()));
            Assert.That(journal.Head.SameAs(second.ToHead()), Is.True);
            Assert.That(_harness.Frames().Select(f => f.Entry), Is.EqualTo(new[] { first.Bytes.ToArray(), second.Bytes.ToArray() }));
        });
    }

    [Test]
    public async Task AppendAsync_SameAttemptTwice_ReturnsTheFirstEntryWithoutAppending()
    {
        using var journal = _harness.Open();
        var changes = 0;
        journal.Changed += (_, _) => changes++;
        var transaction = _harness.Transaction(1);

        var first = await journal.AppendAsync(transaction);
        var again = await journal.AppendAsync(JournalTestData.Transaction(_harness.Owner, _harness.Other, 1));

        Assert.Multiple(() =>
        {
            Assert.That(again.Hash.ToArray(), Is.EqualTo(first.Hash.ToArray()));
            Assert.That(journal.Head.Height, Is.EqualTo(1));
            Assert.That(_harness.Frames(), Has.Count.EqualTo(1));
            Assert.That(changes, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task AppendAsync_ConcurrentAppends_GiveOneConsistentChain()
    {
        using var journal = _harness.Open();
        var transactions = Enumerable.Range(1, 40).Select(i => _harness.Transaction((ulong)i)).ToList();

        // Each attempt twice, all at once: 40 entries, none twice, one chain.
        await Task.WhenAll(transactions.Concat(transactions).Select(t => Task.Run(() => journal.AppendAsync(t))));

        var verification = journal.Verify();
        Assert.Multiple(() =>
        {
            Assert.That(verification.Ok, Is.True, verification.FirstFault?.Detail);
            Assert.That(verification.Entries, Is.EqualTo(40));
            Assert.That(journal.Head.SameAs(verification.Head), Is.True);
        });
    }

    [Test]
    public void AppendAsync_NotCountersigned_ThrowsAndAppendsNothing()
    {
        using var journal = _harness.Open();
        var signed = JournalSigning.SignAsExecutor(_harness.Owner, JournalTestData.Record(_harness.Other.PeerId, _harness.Owner.PeerId));

        Assert.That(() => journal.AppendAsync(signed), Throws.ArgumentException.With.Message.Contains("countersigned"));
        Assert.That(journal.Head.Height, Is.Zero);
    }

    [Test]
    public void AppendAsync_ForgedSignature_Throws()
    {
        using var journal = _harness.Open();
        var transaction = _harness.Transaction(1);
        var forged = transaction with { OriginSignature = IdentityKey.Generate().Sign(transaction.RecordBytes.Span) };

        Assert.That(() => journal.AppendAsync(forged), Throws.ArgumentException.With.Message.Contains("origin"));
        Assert.That(journal.Head.Height, Is.Zero);
    }

    [Test]
    public void AppendAsync_OwnerNotAParty_Throws()
    {
        using var journal = _harness.Open();
        var stranger = JournalTestData.Transaction(IdentityKey.Generate(), _harness.Other);

        Assert.That(() => journal.AppendAsync(stranger), Throws.ArgumentException.With.Message.Contains("neither"));
        Assert.That(journal.Head.Height, Is.Zero);
    }

    [Test]
    public async Task AppendAsync_RaisesChanged()
    {
        using var journal = _harness.Open();
        var heights = new List<long>();
        journal.Changed += (sender, _) => heights.Add(((IComputeJournal)sender!).Head.Height);

        await journal.AppendAsync(_harness.Transaction(1));
        await journal.AppendAsync(_harness.Transaction(2));

        Assert.That(heights, Is.EqualTo(new long[] { 1, 2 }));
    }

    [Test]
    public async Task ReadRaw_Pages_AreTheStoredBytes()
    {
        using var journal = _harness.Open();
        var entries = new List<JournalEntry>();
        for (ulong attempt = 1; attempt <= 5; attempt++)
        {
            entries.Add(await journal.AppendAsync(_harness.Transaction(attempt)));
        }

        Assert.Multiple(() =>
        {
            Assert.That(journal.ReadRaw(2, 2).Select(e => e.ToArray()), Is.EqualTo(entries.Skip(1).Take(2).Select(e => e.Bytes.ToArray())));
            Assert.That(journal.ReadRaw(4, 100), Has.Count.EqualTo(2));
            Assert.That(journal.ReadRaw(6, 10), Is.Empty);
            Assert.That(journal.ReadRaw(1, 0), Is.Empty);
            Assert.That(() => journal.ReadRaw(0, 1), Throws.InstanceOf<ArgumentOutOfRangeException>());
        });
    }

    [Test]
    public async Task ReadRaw_DuringConcurrentAppends_ReturnsWholeEntries()
    {
        using var journal = _harness.Open();
        var appends = Task.Run(async () =>
        {
            for (ulong attempt = 1; attempt <= 30; attempt++)
            {
                await journal.AppendAsync(_harness.Transaction(attempt));
            }
        });

        while (!appends.IsCompleted)
        {
            foreach (var bytes in journal.ReadRaw(1, 1024))
            {
                Assert.That(JournalEntryCodec.TryRead(bytes, out _, out var error), Is.True, error);
            }
        }

        await appends;
        Assert.That(journal.ReadRaw(1, 1024), Has.Count.EqualTo(30));
    }

    [Test]
    public async Task AppendAsync_RecordObjectDisagreeingWithItsBytes_JournalsTheSignedBytes()
    {
        using var journal = _harness.Open();
        var transaction = _harness.Transaction(1);
        var lying = transaction with { Record = transaction.Record with { ExitCode = 99 } };

        var entry = await journal.AppendAsync(lying);

        Assert.That(entry.Transaction.Record.ExitCode, Is.EqualTo(0));
    }

    [Test]
    public void TryFind_UnknownAttempt_IsFalse()
    {
        using var journal = _harness.Open();

        Assert.That(journal.TryFind(new TaskId(1, 2), new AttemptId(3), out _), Is.False);
    }

    [Test]
    public void Open_MissingPath_Throws()
    {
        Assert.That(
            () => JournalService.Open(new JournalOptions(), _harness.Owner.PeerId, _harness.Time, _harness.Logger),
            Throws.ArgumentException.With.Message.Contains("Path"));
    }
}
