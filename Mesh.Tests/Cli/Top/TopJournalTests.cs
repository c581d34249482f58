using Mesh.Cli.Top;
using Mesh.Core.Control;
using Mesh.Tests.Node.Control;

namespace Mesh.Tests.Cli.Top;

/// <summary><c>mesh top</c>: GIVEN and USED columns where they fit, the forked mark, and the journal in the detail pane.</summary>
[TestFixture]
public sealed class TopJournalTests
{
    private static PeersView WithJournals() => TopTestPeers.View(
        TopTestPeers.A with { Journal = JournalSamples.PeerJournal(7200, 45) },
        TopTestPeers.B with { Journal = JournalSamples.PeerJournal(600, 0, "forked", "height went back from 42 to 40") },
        TopTestPeers.C);

    [TestCase(80, false)]
    [TestCase(100, true)]
    [TestCase(120, false)]
    [TestCase(127, true)]
    [TestCase(200, true)]
    public void Render_Width_ShowsJournalColumnsWhenTheyFit(int width, bool journal)
    {
        var lines = TopRenderer.Render(TopTestPeers.Model(WithJournals()), width, 24, color: false);

        Assert.Multiple(() =>
        {
            Assert.That(lines[5].Contains("GIVEN", StringComparison.Ordinal) && lines[5].Contains("USED", StringComparison.Ordinal), Is.EqualTo(journal));
            Assert.That(lines.Select(l => l.Length), Has.All.LessThanOrEqualTo(width));
        });
    }

    [Test]
    public void Render_JournalColumns_GivenAndUsedCompact()
    {
        var lines = TopRenderer.Render(TopTestPeers.Model(WithJournals()), 100, 24, color: false);
        TestContext.Out.WriteLine(string.Join('\n', lines));

        var alpha = lines.Skip(6).First(l => l.Contains("alpha", StringComparison.Ordinal));
        var charlie = lines.Skip(6).First(l => l.Contains("charlie", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(alpha, Does.Match(@"\s2h\s+45s\s"));
            Assert.That(charlie, Does.Match(@"\s-\s+-\s"), "no journal announced");
        });
    }

    [TestCase(80)]
    [TestCase(140)]
    public void Render_ForkedJournal_MarksTheName(int width)
    {
        var lines = TopRenderer.Render(TopTestPeers.Model(WithJournals()), width, 24, color: false);

        Assert.Multiple(() =>
        {
            Assert.That(lines, Has.Some.Contains("!bravo"));
            Assert.That(lines, Has.None.Contains("!alpha"));
        });
    }

    [Test]
    public void Render_DetailOfForkedPeer_SaysJournalForkedAndWhy()
    {
        var view = WithJournals();
        var state = new TopState().WithPeers(view.Peers).Apply(TopKeys.Down).Apply(TopKeys.Enter);
        var lines = TopRenderer.Render(TopTestPeers.Model(view, state), 80, 40, color: false);
        TestContext.Out.WriteLine(string.Join('\n', lines));
        var text = string.Join('\n', lines);

        Assert.Multiple(() =>
        {
            Assert.That(lines[5], Does.StartWith(" bravo"));
            Assert.That(text, Does.Contain("journal    journal forked (height 42, head 0123456789ab)"));
            Assert.That(text, Does.Contain("height went back from 42 to 40"));
            Assert.That(text, Does.Contain("given      10m cpu, 3 tasks"));
            Assert.That(lines.Select(l => l.Length), Has.All.LessThanOrEqualTo(80));
        });
    }

    [Test]
    public void Render_DetailOfConsistentPeer_ShowsHeadAndStatus()
    {
        var view = WithJournals();
        var state = new TopState().WithPeers(view.Peers).Apply(TopKeys.Enter);
        var lines = TopRenderer.Render(TopTestPeers.Model(view, state), 80, 40, color: false);
        var text = string.Join('\n', lines);

        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain("journal    height 42, head 0123456789ab (consistent)"));
            Assert.That(text, Does.Not.Contain("journal forked"));
        });
    }

    [Test]
    public void Render_DetailWithoutJournal_SaysNoneAnnounced()
    {
        var view = WithJournals();
        var state = new TopState().WithPeers(view.Peers).Apply(TopKeys.Down).Apply(TopKeys.Down).Apply(TopKeys.Enter);
        var lines = TopRenderer.Render(TopTestPeers.Model(view, state), 80, 40, color: false);

        Assert.That(string.Join('\n', lines), Does.Contain("journal    none announced"));
    }
}
