using System.Buffers.Binary;
using Mesh.Core.Control;
using Mesh.Core.Journal;
using Mesh.Core.Ledger;
using Mesh.Libp2p.Identity;
using Mesh.Node;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mesh.Tests.Node.Control.Journals;

/// <summary><see cref="JournalControl"/> over a real <see cref="JournalService"/> on a temp dir: list, verify, and verify after the file was edited.</summary>
[TestFixture]
public sealed class JournalControlServiceTests
{
    private static readonly IdentityKey Owner = TestChain.Key(11);
    private static readonly IdentityKey Client = TestChain.Key(12);

    private string _directory = null!;

    private string FilePath => Path.Combine(_directory, JournalOptions.FileName);

    [SetUp]
    public void CreateDirectory()
    {
        _directory = Path.Combine(Path.GetTempPath(), "mesh-jcli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
    }

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public async Task List_RealJournal_ShowsAppendedEntries()
    {
        using (var journal = Open())
        {
            await AppendAsync(journal, 4);
            var page = await Control(journal).ListJournalAsync(null, 1, 100);

            Assert.Multiple(() =>
            {
                Assert.That(page.Height, Is.EqualTo(4));
                Assert.That(page.Head, Is.EqualTo(journal.Head.HashHex));
                Assert.That(page.Entries.Select(e => e.Height), Is.EqualTo(new long[] { 1, 2, 3, 4 }));
                Assert.That(page.Entries[^1].Hash, Is.EqualTo(journal.Head.HashHex));
                Assert.That(page.Entries.Select(e => e.Executor).Distinct(), Is.EqualTo(new[] { Owner.PeerId.ToString() }));
            });
        }
    }

    [Test]
    public async Task Verify_RealJournal_IsGreen()
    {
        using var journal = Open();
        await AppendAsync(journal, 3);

        var verdict = await Control(journal).VerifyJournalAsync(null);

        Assert.Multiple(() =>
        {
            Assert.That(verdict.Ok, Is.True, verdict.FirstBad?.Detail);
            Assert.That(verdict.Entries, Is.EqualTo(3));
            Assert.That(verdict.Head, Is.EqualTo(journal.Head.HashHex));
        });
    }

    [Test]
    public async Task Verify_FileEditedOnDisk_NamesTheEditedEntry()
    {
        using (var journal = Open())
        {
            await AppendAsync(journal, 3);
        }

        // Entry 2's record now says exit code 1; its link and height are unchanged, so only the signature gives it away.
        var frames = ReadFrames();
        Assert.That(JournalEntryCodec.TryRead(frames[1], out var entry, out _), Is.True);
        var signed = entry!.Transaction;
        var edited = signed with { RecordBytes = ComputeRecordCodec.Encode(signed.Record with { ExitCode = 1 }) };
        frames[1] = JournalEntryCodec.Encode(2, entry.Previous.Span, edited);
        WriteFrames(frames);

        using var reopened = Open();
        var verdict = await Control(reopened).VerifyJournalAsync(null);

        Assert.Multiple(() =>
        {
            Assert.That(verdict.Ok, Is.False);
            Assert.That(verdict.FirstBad!.Position, Is.EqualTo(2));
            Assert.That(verdict.FirstBad.Kind, Is.EqualTo("badExecutorSignature"));
            Assert.That(verdict.FirstBad.Detail, Is.Not.Empty);
        });
    }

    private JournalService Open() =>
        JournalService.Open(new JournalOptions { Path = FilePath }, Owner.PeerId, TimeProvider.System, NullLogger<JournalService>.Instance);

    private static async Task AppendAsync(JournalService journal, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await journal.AppendAsync(TestChain.Transaction(Owner, Client, i));
        }
    }

    private static JournalControl Control(IComputeJournal journal) =>
        new(journal, new FakeJournalFetcher(), () => new PeerTableSnapshot(Owner.PeerId, [], new LayerTotals(default, default, default), 0, TestChain.Start), "owner");

    private List<byte[]> ReadFrames()
    {
        var bytes = File.ReadAllBytes(FilePath);
        var frames = new List<byte[]>();
        for (var offset = 0; offset + 4 <= bytes.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(offset));
            frames.Add(bytes.AsSpan(offset + 4, length).ToArray());
            offset += 4 + length;
        }

        return frames;
    }

    private void WriteFrames(List<byte[]> frames)
    {
        using var file = File.Create(FilePath);
        foreach (var frame in frames)
        {
            var header = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(header, frame.Length);
            file.Write(header);
            file.Write(frame);
        }
    }
}
