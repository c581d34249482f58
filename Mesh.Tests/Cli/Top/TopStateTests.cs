using Mesh.Cli.Top;
using Mesh.Core.Control;

namespace Mesh.Tests.Cli.Top;

public sealed class TopStateTests
{
    private static TopState Three(int pageSize = 10) => new TopState().WithPageSize(pageSize).WithPeers(TopTestPeers.Three.Peers);

    private static TopState Fifty(int pageSize = 10) => new TopState().WithPageSize(pageSize).WithPeers(TopTestPeers.Many(50).Peers);

    private static TopState SortedBy(TopState state, TopSortKey key)
    {
        for (var i = 0; i < TopSortKeys.All.Count && state.Sort != key; i++)
        {
            state = state.Apply(TopKeys.Char('s'));
        }

        Assert.That(state.Sort, Is.EqualTo(key));
        return state;
    }

    private static string[] Names(TopState state) => [.. state.Rows.Select(r => r.Name)];

    [Test]
    public void WithPeers_FirstTable_SortsByRankAndSelectsTheFirst()
    {
        var state = Three();

        Assert.Multiple(() =>
        {
            Assert.That(Names(state), Is.EqualTo(new[] { "alpha", "bravo", "charlie-gpu-box" }));
            Assert.That(state.SelectedId, Is.EqualTo(TopTestPeers.IdA));
        });
    }

    [TestCase(TopSortKey.Name, false, new[] { "alpha", "bravo", "charlie-gpu-box" })]
    [TestCase(TopSortKey.Name, true, new[] { "charlie-gpu-box", "bravo", "alpha" })]
    [TestCase(TopSortKey.Id, false, new[] { "alpha", "bravo", "charlie-gpu-box" })]
    [TestCase(TopSortKey.Address, false, new[] { "alpha", "bravo", "charlie-gpu-box" })]
    [TestCase(TopSortKey.Rank, false, new[] { "alpha", "bravo", "charlie-gpu-box" })]
    [TestCase(TopSortKey.Rank, true, new[] { "charlie-gpu-box", "bravo", "alpha" })]
    [TestCase(TopSortKey.Cpu, false, new[] { "charlie-gpu-box", "alpha", "bravo" })]
    [TestCase(TopSortKey.Cpu, true, new[] { "bravo", "alpha", "charlie-gpu-box" })]
    [TestCase(TopSortKey.Memory, false, new[] { "charlie-gpu-box", "bravo", "alpha" })]
    [TestCase(TopSortKey.Disk, false, new[] { "charlie-gpu-box", "alpha", "bravo" })]
    [TestCase(TopSortKey.Gpu, false, new[] { "charlie-gpu-box", "alpha", "bravo" })]
    [TestCase(TopSortKey.Queued, false, new[] { "charlie-gpu-box", "alpha", "bravo" })]
    [TestCase(TopSortKey.Running, false, new[] { "bravo", "alpha", "charlie-gpu-box" })]
    [TestCase(TopSortKey.LastSeen, false, new[] { "alpha", "bravo", "charlie-gpu-box" })]
    [TestCase(TopSortKey.LastSeen, true, new[] { "charlie-gpu-box", "bravo", "alpha" })]
    public void Apply_SortKeys_OrderRowsByThatColumn(TopSortKey key, bool reversed, string[] expected)
    {
        var state = SortedBy(Three(), key);
        if (reversed)
        {
            state = state.Apply(TopKeys.Char('r'));
        }

        Assert.Multiple(() =>
        {
            Assert.That(state.Reversed, Is.EqualTo(reversed));
            Assert.That(Names(state), Is.EqualTo(expected));
        });
    }

    [Test]
    public void Apply_AddressSort_UsesTheShownAddress()
    {
        // alpha shows 192.168.1.10 (its loopback address is skipped), bravo 192.168.1.11, charlie [fd00::7].
        var state = Three();
        while (state.Sort != TopSortKey.Address)
        {
            state = state.Apply(TopKeys.Char('s'));
        }

        Assert.That(state.Apply(TopKeys.Char('r')).Rows[0].Name, Is.EqualTo("charlie-gpu-box"));
    }

    [Test]
    public void Apply_SortKeysOnFiftyPeers_OrderIsMonotonic()
    {
        var state = Fifty();
        foreach (var key in TopSortKeys.All)
        {
            while (state.Sort != key)
            {
                state = state.Apply(TopKeys.Char('s'));
            }

            var rows = state.Rows;
            for (var i = 1; i < rows.Count; i++)
            {
                Assert.That(Before(rows[i - 1], rows[i], key), Is.True, $"{key}: {rows[i - 1].Name} before {rows[i].Name}");
            }
        }

        static bool Before(PeerView a, PeerView b, TopSortKey key) => key switch
        {
            TopSortKey.Name => string.CompareOrdinal(a.Name, b.Name) <= 0,
            TopSortKey.Id => string.CompareOrdinal(a.Id, b.Id) <= 0,
            TopSortKey.Address => true,
            TopSortKey.Rank => a.Rank <= b.Rank,
            TopSortKey.Cpu => a.Surplus.Cpu >= b.Surplus.Cpu,
            TopSortKey.Memory => a.Surplus.Memory >= b.Surplus.Memory,
            TopSortKey.Disk => a.Surplus.Disk >= b.Surplus.Disk,
            TopSortKey.Gpu => a.Surplus.Gpu >= b.Surplus.Gpu,
            TopSortKey.Queued => a.Queued >= b.Queued,
            TopSortKey.Running => a.Running >= b.Running,
            TopSortKey.LastSeen => a.LastSeen >= b.LastSeen,
            _ => false,
        };
    }

    [Test]
    public void Apply_SortCycleKeys_GoForwardAndBackAndWrap()
    {
        var state = Three();

        Assert.Multiple(() =>
        {
            Assert.That(state.Apply(TopKeys.Char('s')).Sort, Is.EqualTo(TopSortKey.Cpu));
            Assert.That(state.Apply(TopKeys.Char('>')).Sort, Is.EqualTo(TopSortKey.Cpu));
            Assert.That(state.Apply(TopKeys.Tab).Sort, Is.EqualTo(TopSortKey.Cpu));
            Assert.That(state.Apply(TopKeys.Char('S')).Sort, Is.EqualTo(TopSortKey.Address));
            Assert.That(state.Apply(TopKeys.Char('<')).Sort, Is.EqualTo(TopSortKey.Address));
            Assert.That(state.Apply(TopKeys.ShiftTab).Sort, Is.EqualTo(TopSortKey.Address));
            Assert.That(new TopState().Apply(TopKeys.Char('S')).Apply(TopKeys.Char('S')).Apply(TopKeys.Char('S')).Apply(TopKeys.Char('S')).Sort,
                Is.EqualTo(TopSortKey.LastSeen));
        });
    }

    [Test]
    public void Apply_SortChange_KeepsTheSelectedPeer()
    {
        var state = Three().Apply(TopKeys.Char('j'));
        var sorted = state.Apply(TopKeys.Char('r'));

        Assert.Multiple(() =>
        {
            Assert.That(sorted.SelectedId, Is.EqualTo(TopTestPeers.IdB));
            Assert.That(sorted.SelectedIndex, Is.EqualTo(1));
            Assert.That(sorted.Apply(TopKeys.Char('s')).Selected!.Name, Is.EqualTo("bravo"));
        });
    }

    [Test]
    public void Apply_MoveKeys_MoveAndClampAtTheEnds()
    {
        var state = Three();

        Assert.Multiple(() =>
        {
            Assert.That(state.Apply(TopKeys.Down).SelectedIndex, Is.EqualTo(1));
            Assert.That(state.Apply(TopKeys.Char('j')).Apply(TopKeys.Char('j')).Apply(TopKeys.Char('j')).SelectedIndex, Is.EqualTo(2));
            Assert.That(state.Apply(TopKeys.Up).SelectedIndex, Is.EqualTo(0));
            Assert.That(state.Apply(TopKeys.End).Apply(TopKeys.Char('k')).SelectedIndex, Is.EqualTo(1));
            Assert.That(state.Apply(TopKeys.End).SelectedIndex, Is.EqualTo(2));
            Assert.That(state.Apply(TopKeys.Char('G')).Apply(TopKeys.Home).SelectedIndex, Is.EqualTo(0));
            Assert.That(state.Apply(TopKeys.Char('G')).Apply(TopKeys.Char('g')).SelectedIndex, Is.EqualTo(0));
        });
    }

    [Test]
    public void Apply_PagingFiftyRows_ScrollsToKeepTheSelectionInView()
    {
        var state = Fifty(pageSize: 17);
        var down = state.Apply(TopKeys.PageDown);
        var twice = down.Apply(TopKeys.PageDown);
        var end = state.Apply(TopKeys.End);
        var back = end.Apply(TopKeys.PageUp);

        Assert.Multiple(() =>
        {
            Assert.That(down.SelectedIndex, Is.EqualTo(17));
            Assert.That(down.ScrollTop, Is.EqualTo(1));
            Assert.That(twice.SelectedIndex, Is.EqualTo(34));
            Assert.That(twice.ScrollTop, Is.EqualTo(18));
            Assert.That(end.SelectedIndex, Is.EqualTo(49));
            Assert.That(end.ScrollTop, Is.EqualTo(33));
            Assert.That(back.SelectedIndex, Is.EqualTo(32));
            Assert.That(back.ScrollTop, Is.EqualTo(32));
            Assert.That(back.Apply(TopKeys.Home).ScrollTop, Is.Zero);
        });
    }

    [Test]
    public void WithPageSize_Smaller_ScrollsTheSelectionIntoView()
    {
        var state = Fifty(pageSize: 40).Apply(TopKeys.End);
        var resized = state.WithPageSize(5);

        Assert.Multiple(() =>
        {
            Assert.That(state.ScrollTop, Is.EqualTo(10));
            Assert.That(resized.ScrollTop, Is.EqualTo(45));
            Assert.That(resized.SelectedIndex, Is.EqualTo(49));
        });
    }

    [Test]
    public void WithPeers_Refresh_KeepsTheSelectionOnTheSamePeer()
    {
        var state = Three().Apply(TopKeys.Down);

        // The next table: bravo now has the most queued work and the sort is by queue, and a new peer came first.
        var queued = SortedBy(state, TopSortKey.Queued);
        Assert.That(queued.Sort, Is.EqualTo(TopSortKey.Queued));
        var newcomer = TopTestPeers.A with { Id = "12D3KooWNEW", Name = "aardvark", Queued = 9, IsSelf = false };
        var refreshed = queued.WithPeers([TopTestPeers.C, newcomer, TopTestPeers.B with { Queued = 7 }, TopTestPeers.A]);

        Assert.Multiple(() =>
        {
            Assert.That(Names(refreshed), Is.EqualTo(new[] { "aardvark", "bravo", "charlie-gpu-box", "alpha" }));
            Assert.That(refreshed.SelectedId, Is.EqualTo(TopTestPeers.IdB));
            Assert.That(refreshed.Selected!.Queued, Is.EqualTo(7));
        });
    }

    [Test]
    public void WithPeers_SelectedPeerLeft_SelectsTheRowThatTookItsPlace()
    {
        var state = Three().Apply(TopKeys.Down).WithPeers([TopTestPeers.A, TopTestPeers.C]);

        Assert.That(state.Selected!.Name, Is.EqualTo("charlie-gpu-box"));
    }

    [Test]
    public void WithPeers_EmptyTable_SelectsNothingAndKeysDoNothing()
    {
        var state = Three().WithPeers([]);

        Assert.Multiple(() =>
        {
            Assert.That(state.SelectedId, Is.Null);
            Assert.That(state.Apply(TopKeys.Down).SelectedIndex, Is.EqualTo(-1));
            Assert.That(state.Apply(TopKeys.Enter).DetailOpen, Is.False);
        });
    }

    [Test]
    public void Apply_EnterThenEscape_OpensAndClosesTheDetailPane()
    {
        var open = Three().Apply(TopKeys.Enter);

        Assert.Multiple(() =>
        {
            Assert.That(open.DetailOpen, Is.True);
            Assert.That(open.Apply(TopKeys.Down).DetailOpen, Is.True);
            Assert.That(open.Apply(TopKeys.Escape).DetailOpen, Is.False);
        });
    }

    [Test]
    public void Apply_QOrCtrlC_Quits()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Three().Apply(TopKeys.Char('q')).Quit, Is.True);
            Assert.That(Three().Apply(TopKeys.Char('Q')).Quit, Is.True);
            Assert.That(Three().Apply(TopKeys.CtrlC).Quit, Is.True);
            Assert.That(Three().Apply(TopKeys.Char('c')).Quit, Is.False);
            var state = Three();
            Assert.That(state.Apply(TopKeys.Char('x')), Is.SameAs(state));
        });
    }
}
