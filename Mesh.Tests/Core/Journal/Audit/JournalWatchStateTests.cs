using Mesh.Core.Journal;
using Mesh.Core.Journal.Audit;
using Mesh.Libp2p.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Mesh.Tests.Core.Journal.Audit;

/// <summary>The verified heads kept across restarts of the watching node (<see cref="JournalWatchOptions.StatePath"/>).</summary>
[CancelAfter(10_000)]
public sealed class JournalWatchStateTests
{
    private static readonly IdentityKey Owner = IdentityKey.Generate();
    private static readonly List<byte[]> Chain = JournalTestData.Chain(Owner, IdentityKey.Generate(), 6);

    private DirectoryInfo _work = null!;
    private FakeTimeProvider _time = null!;

    private string StatePath => Path.Combine(_work.FullName, "journal-peers.json");

    [SetUp]
    public void SetUp()
    {
        _work = Directory.CreateTempSubdirectory("mesh-watch-state-");
        _time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_764_000_000_000));
    }

    [TearDown]
    public void TearDown() => _work.Delete(recursive: true);

    [Test]
    public async Task Restart_VerifiedHeadKept_AShorterChainAfterTheRestartIsForked()
    {
        await using (var before = Watch())
        {
            before.Observe(Owner.PeerId, HeadAt(5));
        }

        await using var after = Watch();
        var kept = after.StateOf(Owner.PeerId);
        after.Observe(Owner.PeerId, HeadAt(4));

        Assert.Multiple(() =>
        {
            Assert.That(kept.Status, Is.EqualTo(JournalPeerStatus.Consistent));
            Assert.That(kept.Verified!.SameAs(HeadAt(5)), Is.True);
            Assert.That(after.StateOf(Owner.PeerId).Status, Is.EqualTo(JournalPeerStatus.Forked));
        });
    }

    [Test]
    public async Task Observe_NewHead_IsSavedByTheLoopWithoutWaitingForDispose()
    {
        await using var watch = Watch();

        watch.Observe(Owner.PeerId, HeadAt(2));

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (!File.Exists(StatePath) || !(await File.ReadAllTextAsync(StatePath)).Contains(HeadAt(2).HashHex, StringComparison.Ordinal))
        {
            Assert.That(timeout.IsCancellationRequested, Is.False, "the head was never saved");
            await Task.Delay(10);
        }
    }

    [TestCase("not json at all")]
    [TestCase("{\"peers\":[{\"peer\":\"nobody\",\"height\":1,\"head\":\"zz\"}]}")]
    [TestCase("{\"peers\":7}")]
    public async Task Construct_StateFileDamaged_StartsEmptyAndStillWatches(string content)
    {
        await File.WriteAllTextAsync(StatePath, content);

        await using var watch = Watch();
        var before = watch.StateOf(Owner.PeerId);
        watch.Observe(Owner.PeerId, HeadAt(3));
        watch.Observe(Owner.PeerId, HeadAt(2));

        Assert.Multiple(() =>
        {
            Assert.That(before, Is.EqualTo(JournalPeerState.Unknown));
            Assert.That(watch.StateOf(Owner.PeerId).Status, Is.EqualTo(JournalPeerStatus.Forked));
        });
    }

    private static JournalHead HeadAt(int height) => new(height, JournalEntryCodec.Hash(Chain[height - 1]));

    private JournalWatch Watch()
    {
        var watch = new JournalWatch(
            new FakeJournalFetcher { Entries = Chain }, new JournalWatchOptions { StatePath = StatePath }, _time, TestLogging.Factory.CreateLogger<JournalWatch>());
        watch.Start();
        return watch;
    }
}
