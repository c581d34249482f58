using System.Text.RegularExpressions;
using Mesh.Cli.Top;

namespace Mesh.Tests.Cli.Top;

public sealed partial class TopRendererTests
{
    [Test]
    public void Render_ThreePeersAt80x24_FillsTheScreenWithinTheWidth()
    {
        var lines = TopRenderer.Render(TopTestPeers.Model(TopTestPeers.Three), 80, 24, color: false);
        TestContext.Out.WriteLine(string.Join('\n', lines));

        Assert.Multiple(() =>
        {
            Assert.That(lines, Has.Count.EqualTo(24));
            Assert.That(lines.Select(l => l.Length), Has.All.LessThanOrEqualTo(80));
            Assert.That(lines[0], Does.StartWith("CPU  ["));
            Assert.That(lines[4], Does.Contain("3 peers").And.Contain("self alpha").And.Contain("sort: rank, fastest first"));
            Assert.That(lines[5], Does.Contain("NAME").And.Contain("RK*").And.Contain("CPU").And.Contain("SEEN"));
            Assert.That(lines[6], Does.StartWith(">*alpha").And.Contain("aaaaaa").And.Contain(" 3/4 ").And.Contain("7G/8G").And.Contain("750G/1T").And.Contain("2s"));
            Assert.That(lines[7], Does.StartWith("  bravo").And.Contain("7.5G/8G").And.Contain("40s"));
            Assert.That(lines[8], Does.StartWith("  charlie-gp").And.Contain("14/16").And.Contain("1/1").And.Contain("3m"));
            Assert.That(lines[23], Does.Contain("q quit").And.Contain("cells: surplus/capacity"));
        });
    }

    [Test]
    public void Render_Fig7Totals_ShowsSurplusOfBothMachines()
    {
        var lines = TopRenderer.Render(TopTestPeers.Model(TopTestPeers.Fig7), 80, 24, color: false);
        TestContext.Out.WriteLine(string.Join('\n', lines));

        Assert.Multiple(() =>
        {
            Assert.That(lines[0], Does.EndWith("in use 1 / surplus 4 / capacity 6 cores"));
            Assert.That(lines[1], Does.EndWith("in use 512 MiB / surplus 14.5 GiB / capacity 16 GiB"));
            Assert.That(lines[2], Does.EndWith("in use 0 B / surplus 1 TB / capacity 1.5 TB"));
            Assert.That(lines[3], Does.EndWith("in use 0 / surplus 0 / capacity 0 devices"));
        });
    }

    [TestCase(0, 1.0, 4.0, 6.0)]
    [TestCase(1, 0.5, 14.5, 16.0)]
    [TestCase(2, 0.0, 1.0, 1.5)]
    public void Render_Fig7Totals_BarSegmentsFollowTheNumbers(int line, double inUse, double surplus, double capacity)
    {
        var lines = TopRenderer.Render(TopTestPeers.Model(TopTestPeers.Fig7), 80, 24, color: false);
        var bar = Bar().Match(lines[line]).Groups[1].Value;

        // Each segment within one cell of its share: in use, free surplus, the owner's part.
        Assert.Multiple(() =>
        {
            Assert.That(bar.Length, Is.GreaterThanOrEqualTo(10));
            Assert.That(bar, Does.Match("^#*=*\\.*$"));
            Assert.That(bar.Count(c => c == '#'), Is.EqualTo(inUse / capacity * bar.Length).Within(1));
            Assert.That(bar.Count(c => c == '='), Is.EqualTo((surplus - inUse) / capacity * bar.Length).Within(1));
            Assert.That(bar.Count(c => c == '.'), Is.EqualTo((capacity - surplus) / capacity * bar.Length).Within(1));
        });
    }

    [Test]
    public void Render_NoGpus_GpuBarIsEmpty()
    {
        var lines = TopRenderer.Render(TopTestPeers.Model(TopTestPeers.Fig7), 80, 24, color: false);

        Assert.That(Bar().Match(lines[3]).Groups[1].Value.Trim(), Is.Empty);
    }

    [Test]
    public void Render_FiftyPeersAt80x24_ShowsAPageWithinTheWidth()
    {
        var model = TopTestPeers.Model(TopTestPeers.Many(50), new TopState());
        var lines = TopRenderer.Render(model, 80, 24, color: false);

        Assert.Multiple(() =>
        {
            Assert.That(lines, Has.Count.EqualTo(24));
            Assert.That(lines.Select(l => l.Length), Has.All.LessThanOrEqualTo(80));
            Assert.That(lines[4], Does.Contain("50 peers"));
            Assert.That(lines.Count(l => PeerRow().IsMatch(l)), Is.EqualTo(TopRenderer.TableRows(24)));
            Assert.That(lines[6], Does.StartWith(">*peer-00"));
        });
    }

    [Test]
    public void Render_FiftyPeersScrolledToTheEnd_ShowsTheLastRowSelected()
    {
        var state = new TopState().WithPageSize(TopRenderer.TableRows(24)).WithPeers(TopTestPeers.Many(50).Peers).Apply(TopKeys.End);
        var lines = TopRenderer.Render(TopTestPeers.Model(TopTestPeers.Many(50), state), 80, 24, color: false);

        Assert.Multiple(() =>
        {
            Assert.That(lines[6 + TopRenderer.TableRows(24) - 1], Does.StartWith("> peer-49"));
            Assert.That(lines.Skip(6), Has.None.Contains("peer-00"));
        });
    }

    [TestCase(40, 10)]
    [TestCase(80, 24)]
    [TestCase(100, 30)]
    [TestCase(120, 40)]
    [TestCase(200, 50)]
    public void Render_AnySize_EveryLineFitsInColorToo(int width, int height)
    {
        var lines = TopRenderer.Render(TopTestPeers.Model(TopTestPeers.Many(50)), width, height, color: true);

        Assert.Multiple(() =>
        {
            Assert.That(lines, Has.Count.EqualTo(height));
            Assert.That(lines.Select(l => Sgr().Replace(l, "").Length), Has.All.LessThanOrEqualTo(width));
        });
    }

    [TestCase(80, "cells: surplus/capacity", false)]
    [TestCase(115, "cells: in use/surplus/capacity", true)]
    [TestCase(140, "cells: in use/surplus/reserved/capacity", true)]
    public void Render_WiderTerminal_ShowsMoreColumns(int width, string legend, bool address)
    {
        var lines = TopRenderer.Render(TopTestPeers.Model(TopTestPeers.Three), width, 24, color: false);

        Assert.Multiple(() =>
        {
            Assert.That(lines[^1], Does.Contain(legend));
            Assert.That(lines[5].Contains("ADDRESS", StringComparison.Ordinal), Is.EqualTo(address));
            Assert.That(lines[6].Contains("192.168.1.10:4001", StringComparison.Ordinal), Is.EqualTo(address));
        });
    }

    [Test]
    public void Render_WideTerminal_ShowsInUseSurplusReservedCapacity()
    {
        var lines = TopRenderer.Render(TopTestPeers.Model(TopTestPeers.Three), 140, 24, color: false);

        Assert.That(lines[6], Does.Contain(" 1/3/1/4 ").And.Contain("512M/7G/1G/8G").And.Contain("0/750G/250G/1T"));
    }

    [Test]
    public void Render_NoColor_WritesNoEscapeSequences()
    {
        var model = TopTestPeers.Model(TopTestPeers.Three, error: "no node is running at /x");
        var lines = TopRenderer.Render(model, 80, 24, color: false)
            .Concat(TopRenderer.Render(model with { Error = null }, 80, 24, color: false))
            .Concat(TopRenderer.Render(model with { State = model.State.Apply(TopKeys.Enter) }, 80, 24, color: false));

        Assert.That(lines, Has.None.Contains("\u001b"));
    }

    [Test]
    public void Render_ControlCharactersFromPeers_NeverReachTheTerminal()
    {
        var evil = TopTestPeers.B with { Name = "evil\u001b[2J\u0007\u009b", Addrs = ["/ip4/1.2.3.4/tcp/1\u001b]0;owned\u0007"], Policy = "x\ry" };
        var view = TopTestPeers.View(TopTestPeers.A, evil);
        var model = TopTestPeers.Model(view, error: "bad\u001b[31m");
        var table = TopRenderer.Render(model, 140, 24, color: false);
        var detail = TopRenderer.Render(model with { State = model.State.Apply(TopKeys.Down).Apply(TopKeys.Enter) }, 140, 24, color: false);

        Assert.Multiple(() =>
        {
            Assert.That(table.Concat(detail), Has.None.Matches("[\\u0000-\\u001f\\u007f-\\u009f]"));
            Assert.That(table[7], Does.Contain("evil?[2J"));
            Assert.That(detail[5], Does.Contain("evil?[2J??"));
        });
    }

    [Test]
    public void Render_Color_MarksSelectionErrorAndBars()
    {
        var model = TopTestPeers.Model(TopTestPeers.Three, error: "no node is running at /x");
        var lines = TopRenderer.Render(model, 80, 24, color: true);

        Assert.Multiple(() =>
        {
            Assert.That(lines[4], Does.StartWith("\u001b[31m! no node is running at /x"));
            Assert.That(lines[6], Does.StartWith("\u001b[7m>*alpha"));
            Assert.That(lines[0], Does.Contain("\u001b[33m#").And.Contain("\u001b[32m="));
        });
    }

    [Test]
    public void Render_NodeUnreachable_ShowsTheErrorAndKeepsTheRows()
    {
        var lines = TopRenderer.Render(TopTestPeers.Model(TopTestPeers.Three, error: "no node at unix:/x.sock"), 80, 24, color: false);
        TestContext.Out.WriteLine(string.Join('\n', lines));

        Assert.Multiple(() =>
        {
            Assert.That(lines[4], Is.EqualTo("! no node at unix:/x.sock (showing 21:30:05; retrying every 1s)"));
            Assert.That(lines[6], Does.Contain("alpha"));
            Assert.That(lines[8], Does.Contain("charlie"));
            Assert.That(lines[0], Does.Contain("surplus 18 / capacity 22 cores"));
        });
    }

    [Test]
    public void Render_BeforeTheFirstAnswer_SaysWhereItConnects()
    {
        var model = new TopModel { State = new TopState(), Endpoint = "unix:/run/mesh.sock", Now = TopTestPeers.Now };
        var lines = TopRenderer.Render(model, 80, 24, color: false);

        Assert.Multiple(() =>
        {
            Assert.That(lines, Has.Count.EqualTo(24));
            Assert.That(lines[4], Is.EqualTo("connecting to unix:/run/mesh.sock..."));
        });
    }

    [Test]
    public void Render_DetailPane_ShowsEveryFieldOfTheSelectedPeer()
    {
        var state = new TopState().WithPeers(TopTestPeers.Three.Peers).Apply(TopKeys.Down).Apply(TopKeys.Down).Apply(TopKeys.Enter);
        var lines = TopRenderer.Render(TopTestPeers.Model(TopTestPeers.Three, state), 80, 24, color: false);
        TestContext.Out.WriteLine(string.Join('\n', lines));
        var text = string.Join('\n', lines);

        Assert.Multiple(() =>
        {
            Assert.That(lines.Select(l => l.Length), Has.All.LessThanOrEqualTo(80));
            Assert.That(lines[5], Does.StartWith(" charlie-gpu-box"));
            Assert.That(text, Does.Contain("id         " + TopTestPeers.IdC));
            Assert.That(text, Does.Contain("addresses  /ip6/fd00::7/tcp/4001"));
            Assert.That(text, Does.Contain("97.5 (rank 3 of 3)"));
            Assert.That(text, Does.Contain("policy     dynamic"));
            Assert.That(text, Does.Contain("5 queued, 0 running"));
            Assert.That(text, Does.Contain("3m ago"));
            Assert.That(text, Does.Contain("memory          64 GiB      8 GiB     56 GiB        0 B"));
            Assert.That(text, Does.Contain("disk              2 TB     500 GB     1.5 TB        0 B"));
            Assert.That(text, Does.Contain("gpus       NVIDIA H100 80GB HBM3, 80 GiB"));
            Assert.That(lines[^1], Does.StartWith("Esc back"));
            Assert.That(text, Does.Not.Contain("bravo"));
        });
    }

    [Test]
    public void Render_DetailPaneOfAPeerWithManyAddresses_ListsThemAll()
    {
        var state = new TopState().WithPeers(TopTestPeers.Three.Peers).Apply(TopKeys.Enter);
        var text = string.Join('\n', TopRenderer.Render(TopTestPeers.Model(TopTestPeers.Three, state), 80, 24, color: false));

        Assert.That(text, Does.Contain("addresses  /ip4/127.0.0.1/tcp/4001\n").And.Contain("           /ip4/192.168.1.10/tcp/4001\n").And.Contain("(this node)"));
    }

    [Test]
    public void Render_Snapshot_ListsEveryPeerWithoutFooterOrSelection()
    {
        var model = TopTestPeers.Model(TopTestPeers.Many(50)) with { Snapshot = true };
        var lines = TopRenderer.Render(model, 80, 0, color: false);

        Assert.Multiple(() =>
        {
            Assert.That(lines, Has.Count.EqualTo(5 + 1 + 50));
            Assert.That(lines[6], Does.StartWith(" *peer-00"));
            Assert.That(lines, Has.None.Contains("q quit"));
            Assert.That(lines[4], Does.Not.Contain("every"));
        });
    }

    [Test]
    public void Render_TooSmall_SaysSo()
    {
        var lines = TopRenderer.Render(TopTestPeers.Model(TopTestPeers.Three), 39, 24, color: false);

        Assert.That(lines[0], Is.EqualTo("mesh top needs 40x10; this is 39x24"));
    }

    [GeneratedRegex(@"^[ >][ *]peer-")]
    private static partial Regex PeerRow();

    [GeneratedRegex(@"\[([#=. ]*)\]")]
    private static partial Regex Bar();

    [GeneratedRegex(@"\u001b\[[0-9;]*m")]
    private static partial Regex Sgr();
}
