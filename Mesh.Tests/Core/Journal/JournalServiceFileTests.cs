using Mesh.Core.Journal;
using Microsoft.Extensions.Logging;

namespace Mesh.Tests.Core.Journal;

/// <summary>The journal file after a crash, after damage, and after someone edited it.</summary>
public sealed class JournalServiceFileTests
{
    private JournalServiceHarness _harness = null!;

    [SetUp]
    public void SetUp() => _harness = new JournalServiceHarness();

    [TearDown]
    public void TearDown() => _harness.Dispose();

    [TestCase(2, TestName = "Open_TornHeader_IsCutSavedAndAppendsContinue")]
    [TestCase(40, TestName = "Open_TornBody_IsCutSavedAndAppendsContinue")]
    public async Task Open_TornTail_IsCutSavedAndAppendsContinue(int tornLength)
    {
        await AppendAsync(3);
        var whole = File.ReadAllBytes(_harness.FilePath);
        byte[] torn = [0x00, 0x00, 0x01, 0x00, .. Enumerable.Repeat((byte)0xab, tornLength)];
        File.WriteAllBytes(_harness.FilePath, [.. whole, .. torn[..tornLength]]);

        using var journal = _harness.Open();
        var evidence = _harness.EvidenceFiles();

        Assert.Multiple(() =>
        {
            Assert.That(File.ReadAllBytes(_harness.FilePath), Is.EqualTo(whole));
            Assert.That(evidence, Has.Length.EqualTo(1));
            Assert.That(Path.GetFileName(evidence[0]), Is.EqualTo("journal.log.torn-1764000123456"));
            Assert.That(File.ReadAllBytes(evidence[0]), Is.EqualTo(torn[..tornLength]));
            Assert.That(journal.Head.Height, Is.EqualTo(3));
            Assert.That(_harness.Logger.Lines.Any(l => l.Level == LogLevel.Warning && l.EventId == 1820), Is.True);
        });

        await journal.AppendAsync(_harness.Transaction(4));
        Assert.That(journal.Verify().Ok, Is.True, journal.Verify().FirstFault?.Detail);
        Assert.That(journal.Head.Height, Is.EqualTo(4));
    }

    [Test]
    public async Task Open_FrameOfLengthZeroMidFile_IsDamageCutAndLoggedAsError()
    {
        await AppendAsync(3);
        var frames = _harness.Frames();
        var bytes = File.ReadAllBytes(_harness.FilePath);
        bytes.AsSpan(frames[1].Offset, 4).Clear();
        File.WriteAllBytes(_harness.FilePath, bytes);

        using var journal = _harness.Open();

        Assert.Multiple(() =>
        {
            Assert.That(journal.Head.Height, Is.EqualTo(1));
            Assert.That(new FileInfo(_harness.FilePath).Length, Is.EqualTo(frames[1].Offset));
            Assert.That(File.ReadAllBytes(_harness.EvidenceFiles().Single()), Is.EqualTo(bytes[frames[1].Offset..]));
            Assert.That(_harness.Logger.Lines.Any(l => l.Level == LogLevel.Error && l.EventId == 1821 && l.Message.Contains($"byte {frames[1].Offset}")), Is.True);
            Assert.That(journal.Verify().Ok, Is.True);
        });
    }

    [Test]
    public async Task Verify_ByteEditedInsideRecordOnDisk_IsBadExecutorSignature()
    {
        await AppendAsync(5);
        var frames = _harness.Frames();
        Assert.That(JournalEntryCodec.TryRead(frames[2].Entry, out var third, out _), Is.True);
        var bytes = File.ReadAllBytes(_harness.FilePath);
        var recordAt = frames[2].Offset + 4 + frames[2].Entry.AsSpan().IndexOf(third!.Transaction.RecordBytes.Span);

        // The attempt id (key 1, a positive fixint here) changes from 3 to 4: still a valid record, no longer the signed one.
        var attemptAt = bytes.AsSpan(recordAt).IndexOf(new byte[] { 0x01, 0x03 }) + recordAt + 1;
        bytes[attemptAt] = 0x04;
        File.WriteAllBytes(_harness.FilePath, bytes);

        using var journal = _harness.Open();
        var fault = journal.Verify().FirstFault;

        Assert.That(fault, Is.Not.Null);
        Assert.That(fault!.Position, Is.EqualTo(3));
        Assert.That(fault.Kind, Is.EqualTo(JournalFaultKind.BadExecutorSignature));
    }

    [Test]
    public async Task Verify_FrameRemovedOnDisk_IsWrongHeight()
    {
        await AppendAsync(5);
        var frames = _harness.Frames().Select(f => f.Entry).ToList();
        frames.RemoveAt(1);
        _harness.WriteFrames(frames);

        using var journal = _harness.Open();
        var fault = journal.Verify().FirstFault;

        Assert.That(fault, Is.Not.Null);
        Assert.That(fault!.Position, Is.EqualTo(2));
        Assert.That(fault.Kind, Is.EqualTo(JournalFaultKind.WrongHeight));
    }

    [Test]
    public async Task Verify_FramesSwappedOnDisk_IsWrongHeight()
    {
        await AppendAsync(5);
        var frames = _harness.Frames().Select(f => f.Entry).ToList();
        (frames[3], frames[4]) = (frames[4], frames[3]);
        _harness.WriteFrames(frames);

        using var journal = _harness.Open();
        var fault = journal.Verify().FirstFault;

        Assert.That(fault, Is.Not.Null);
        Assert.That(fault!.Position, Is.EqualTo(4));
        Assert.That(fault.Kind, Is.EqualTo(JournalFaultKind.WrongHeight));
    }

    [Test]
    public async Task AppendAsync_AfterTampering_ContinuesFromTheLastFrameAndStaysRed()
    {
        await AppendAsync(3);
        var frames = _harness.Frames().Select(f => f.Entry).ToList();
        frames.RemoveAt(0);
        _harness.WriteFrames(frames);

        using var journal = _harness.Open();
        var entry = await journal.AppendAsync(_harness.Transaction(4));

        Assert.Multiple(() =>
        {
            Assert.That(entry.Height, Is.EqualTo(4), "the last frame as read has height 3");
            Assert.That(journal.Verify().Ok, Is.False);
        });
    }

    [Test]
    public async Task Verify_UnreadableFrameOnDisk_IsUnreadableAtItsPosition()
    {
        await AppendAsync(3);
        var frames = _harness.Frames().Select(f => f.Entry).ToList();
        frames[1] = [0x01, 0x02, 0x03];
        _harness.WriteFrames(frames);

        using var journal = _harness.Open();
        var fault = journal.Verify().FirstFault;

        Assert.That(fault?.Kind, Is.EqualTo(JournalFaultKind.Unreadable));
        Assert.That(fault!.Position, Is.EqualTo(2));
        Assert.That(journal.Head.Height, Is.EqualTo(3));
    }

    [Test]
    public void Open_ThousandEntries_ReopensWithHeadAndContribution()
    {
        var chain = JournalTestData.Chain(_harness.Owner, _harness.Other, 1000);
        _harness.WriteFrames(chain);

        using var journal = _harness.Open();

        Assert.Multiple(() =>
        {
            Assert.That(journal.Head.Height, Is.EqualTo(1000));
            Assert.That(journal.Head.Hash.ToArray(), Is.EqualTo(JournalEntryCodec.Hash(chain[^1])));
            Assert.That(journal.Contribution.Given.Tasks + journal.Contribution.Used.Tasks, Is.EqualTo(667));
            Assert.That(journal.ReadRaw(1000, 5).Single().ToArray(), Is.EqualTo(chain[^1]));
            Assert.That(journal.Verify().Ok, Is.True);
        });
    }

    private async Task AppendAsync(int count)
    {
        using var journal = _harness.Open();
        for (var attempt = 1; attempt <= count; attempt++)
        {
            await journal.AppendAsync(_harness.Transaction((ulong)attempt));
        }
    }
}
