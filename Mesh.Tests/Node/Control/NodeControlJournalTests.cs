using Mesh.Core.Control;
using Mesh.Core.Journal;
using Mesh.Core.Ledger;
using Mesh.Core.Resources;
using Mesh.Libp2p.Identity;
using Mesh.Node;
using Mesh.Tests.Node.Control.Journals;
using Moq;

namespace Mesh.Tests.Node.Control;

/// <summary><c>GET /v1/peers</c>: each row's <c>journal</c> from its ledger entry and the journal watch.</summary>
[TestFixture]
public sealed class NodeControlJournalTests
{
    private static readonly PeerId Self = TestChain.Key(21).PeerId;
    private static readonly PeerId Beta = TestChain.Key(22).PeerId;
    private static readonly PeerId Gamma = TestChain.Key(23).PeerId;
    private static readonly JournalSummary Summary = new(
        new JournalHead(7, Enumerable.Range(0, 32).Select(i => (byte)i).ToArray()),
        new Contribution(new ResourceSeconds(120, 5e9, 0, 4), new ResourceSeconds(30, 1e9, 0, 1)));

    [Test]
    public void WithJournals_Watch_FillsSummaryAndStatus()
    {
        var watch = new Mock<IJournalWatch>();
        watch.Setup(w => w.StateOf(Beta)).Returns(new JournalPeerState(JournalPeerStatus.Forked, Summary.Head, "head at height 7 changed"));

        var view = NodeControl.WithJournals(Snapshot(), watch.Object);

        var self = view.Peers.Single(p => p.IsSelf).Journal!;
        var beta = view.Peers.Single(p => p.Id == Beta.ToString()).Journal!;
        Assert.Multiple(() =>
        {
            Assert.That(self.Status, Is.EqualTo("consistent"));
            Assert.That(self.Height, Is.EqualTo(7));
            Assert.That(self.Head, Is.EqualTo("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"));
            Assert.That(self.Given, Is.EqualTo(new ResourceSecondsView(120, 5e9, 0, 4)));
            Assert.That(self.Used, Is.EqualTo(new ResourceSecondsView(30, 1e9, 0, 1)));
            Assert.That(beta.Status, Is.EqualTo("forked"));
            Assert.That(beta.Problem, Is.EqualTo("head at height 7 changed"));
            Assert.That(view.Peers.Single(p => p.Id == Gamma.ToString()).Journal, Is.Null, "announces none");
        });
    }

    [Test]
    public void WithJournals_NoWatch_StatusUnknown()
    {
        var view = NodeControl.WithJournals(Snapshot(), null);

        Assert.That(view.Peers.Single(p => p.Id == Beta.ToString()).Journal!.Status, Is.EqualTo("unknown"));
    }

    private static PeerTableSnapshot Snapshot() => new(
        Self,
        [Row(Self, "self", Summary, isSelf: true), Row(Beta, "beta", Summary), Row(Gamma, "gamma", null)],
        new LayerTotals(default, default, default),
        1,
        TestChain.Start);

    private static LedgerPeer Row(PeerId peer, string name, JournalSummary? journal, bool isSelf = false) => new(
        new LedgerEntry
        {
            Peer = peer,
            Name = name,
            Version = 1,
            IssuedAt = TestChain.Start,
            Capacity = new ResourceVector(1, 1, 1, 0),
            Reserved = default,
            Surplus = new ResourceVector(1, 1, 1, 0),
            Journal = journal,
        },
        TestChain.Start,
        1,
        isSelf);
}
