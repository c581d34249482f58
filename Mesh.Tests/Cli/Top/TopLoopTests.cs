using Mesh.Cli.Top;
using Microsoft.Extensions.Time.Testing;

namespace Mesh.Tests.Cli.Top;

[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class TopLoopTests
{
    private readonly FakeTimeProvider _time = new(TopTestPeers.Now);

    private static TopOptions Options(bool color = true) => new() { Color = color };

    private (TopLoop Loop, FakeTerminal Terminal, FakeControlClient Client) Build(FakeControlClient? client = null, bool color = true)
    {
        client ??= new FakeControlClient().Answer(TopTestPeers.Three);
        var terminal = new FakeTerminal(_time);
        return (new TopLoop(client, terminal, _time, Options(color)), terminal, client);
    }

    [Test]
    public async Task RunAsync_KeysThenQ_ExitsZeroAndRestoresTheTerminal()
    {
        var (loop, terminal, _) = Build();
        terminal.Keys(TopKeys.Down, TopKeys.Char('s'), TopKeys.Enter, TopKeys.Escape, TopKeys.Char('q'));

        var exit = await loop.RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.Zero);
            Assert.That(terminal.Screen.AlternateScreen, Is.False, "alternate screen left");
            Assert.That(terminal.Screen.CursorVisible, Is.True, "cursor shown");
            Assert.That((terminal.InputBegun, terminal.InputEnded), Is.EqualTo((1, 1)));
            Assert.That(loop.State.Sort, Is.EqualTo(TopSortKey.Cpu));
            Assert.That(loop.State.Selected!.Name, Is.EqualTo("bravo"));
            Assert.That(terminal.LastFrame[5], Does.Contain("CPU*"));
            Assert.That(terminal.LastFrame[8], Does.StartWith(">").And.Contain("bravo"));
        });
    }

    [Test]
    public async Task RunAsync_CtrlC_ExitsZeroAndRestoresTheTerminal()
    {
        var (loop, terminal, _) = Build();
        terminal.Keys(TopKeys.CtrlC);

        Assert.Multiple(async () =>
        {
            Assert.That(await loop.RunAsync(), Is.Zero);
            Assert.That(terminal.Screen.AlternateScreen, Is.False);
            Assert.That(terminal.Screen.CursorVisible, Is.True);
        });
    }

    [Test]
    public async Task RunAsync_Cancelled_Exits130AndRestoresTheTerminal()
    {
        using var cancel = new CancellationTokenSource();
        var (loop, terminal, _) = Build();
        terminal.Wait(TimeSpan.FromSeconds(1)).Then(cancel.Cancel).Wait(TimeSpan.FromSeconds(1));

        Assert.Multiple(async () =>
        {
            Assert.That(await loop.RunAsync(cancel.Token), Is.EqualTo(130));
            Assert.That(terminal.Screen.AlternateScreen, Is.False);
            Assert.That(terminal.Screen.CursorVisible, Is.True);
            Assert.That(terminal.InputEnded, Is.EqualTo(1));
        });
    }

    [Test]
    public void RunAsync_TerminalFails_RestoresTheTerminalAndThrows()
    {
        var (loop, terminal, _) = Build();
        terminal.Keys(TopKeys.Down);

        Assert.ThrowsAsync<InvalidOperationException>(() => loop.RunAsync());
        Assert.Multiple(() =>
        {
            Assert.That(terminal.Screen.AlternateScreen, Is.False);
            Assert.That(terminal.Screen.CursorVisible, Is.True);
            Assert.That(terminal.InputEnded, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task RunAsync_Running_RefreshesOncePerInterval()
    {
        var (loop, terminal, client) = Build();
        terminal.Wait(TimeSpan.FromSeconds(3)).Keys(TopKeys.Char('q'));

        await loop.RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(client.PeerCalls, Is.EqualTo(4), "at 0, 1, 2 and 3 seconds");
            Assert.That(loop.Refreshes, Is.EqualTo(4));
        });
    }

    [Test]
    public async Task RunAsync_LongerInterval_RefreshesLessOften()
    {
        var client = new FakeControlClient().Answer(TopTestPeers.Three);
        var terminal = new FakeTerminal(_time).Wait(TimeSpan.FromSeconds(5)).Keys(TopKeys.Char('q'));
        var loop = new TopLoop(client, terminal, _time, new TopOptions { Interval = TimeSpan.FromSeconds(2.5) });

        await loop.RunAsync();

        Assert.That(client.PeerCalls, Is.EqualTo(3), "at 0, 2.5 and 5 seconds");
    }

    [Test]
    public async Task RunAsync_NodeBecomesUnreachable_ShowsTheErrorKeepsTheRowsAndRecovers()
    {
        var client = new FakeControlClient()
            .Answer(TopTestPeers.Three)
            .Fail("no node is running at unix:/tmp/fake-node.sock; start mesh-node")
            .Answer(TopTestPeers.Fig7);
        var (loop, terminal, _) = Build(client, color: false);
        IReadOnlyList<string> failed = [];
        terminal.Wait(TimeSpan.FromSeconds(1)).Then(() => failed = terminal.Screen.Lines)
            .Wait(TimeSpan.FromSeconds(1)).Keys(TopKeys.Char('q'));

        await loop.RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(failed[4], Does.StartWith("! no node is running at unix:/tmp/fake-node.sock; start mesh-node"));
            Assert.That(failed[6], Does.Contain("alpha"));
            Assert.That(failed[8], Does.Contain("charlie"));
            Assert.That(terminal.LastFrame[4], Does.StartWith("2 peers"));
            Assert.That(terminal.LastFrame, Has.None.Contains("charlie"));
        });
    }

    [Test]
    public async Task RunAsync_UnexpectedClientException_IsShownNotFatal()
    {
        var client = new FakeControlClient().Answer(_ => Task.FromException<Mesh.Core.Control.PeersView>(new IOException("broken pipe\nsecond line")));
        var (loop, terminal, _) = Build(client);
        IReadOnlyList<string> shown = [];
        terminal.Then(() => shown = terminal.Screen.Lines).Keys(TopKeys.Char('q'));

        Assert.That(await loop.RunAsync(), Is.Zero);
        Assert.That(shown[4], Does.StartWith("! broken pipe (no answer yet; retrying every 1s)"));
    }

    [Test]
    public async Task RunAsync_NodeHangs_KeysStillWorkAndTheTimeoutIsShown()
    {
        var client = new FakeControlClient().Hang();
        var (loop, terminal, _) = Build(client, color: false);
        IReadOnlyList<string> early = [];
        IReadOnlyList<string> late = [];
        terminal.Keys(TopKeys.Char('s')).Then(() => early = terminal.Screen.Lines)
            .Wait(TimeSpan.FromSeconds(5.5)).Then(() => late = terminal.Screen.Lines)
            .Keys(TopKeys.Char('q'));

        Assert.That(await loop.RunAsync(), Is.Zero);
        Assert.Multiple(() =>
        {
            Assert.That(early[4], Does.StartWith("connecting to unix:/tmp/fake-node.sock"));
            Assert.That(loop.State.Sort, Is.EqualTo(TopSortKey.Cpu));
            Assert.That(late[4], Does.StartWith("! the node at unix:/tmp/fake-node.sock did not answer within 5s"));
        });
    }

    [Test]
    public async Task RunAsync_Refresh_KeepsTheSelectionOnTheSamePeer()
    {
        var reordered = TopTestPeers.View(TopTestPeers.C with { Rank = 1 }, TopTestPeers.A with { Rank = 2 }, TopTestPeers.B with { Rank = 3 });
        var client = new FakeControlClient().Answer(TopTestPeers.Three).Answer(reordered);
        var (loop, terminal, _) = Build(client, color: false);
        terminal.Keys(TopKeys.Down).Wait(TimeSpan.FromSeconds(1)).Keys(TopKeys.Char('q'));

        await loop.RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(loop.State.Selected!.Name, Is.EqualTo("bravo"));
            Assert.That(terminal.LastFrame[6], Does.StartWith("  charlie"));
            Assert.That(terminal.LastFrame[8], Does.StartWith("> bravo"));
        });
    }

    [Test]
    public async Task RunAsync_Resize_RedrawsForTheNewWidth()
    {
        var (loop, terminal, _) = Build(color: false);
        terminal.Resize(130, 30).Wait(TimeSpan.FromMilliseconds(200)).Keys(TopKeys.Char('q'));

        await loop.RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(terminal.LastFrame, Has.Count.EqualTo(30));
            Assert.That(terminal.LastFrame[5], Does.Contain("ADDRESS"));
            Assert.That(terminal.LastFrame[^1], Does.Contain("cells: in use/surplus/reserved/capacity"));
        });
    }

    [Test]
    public async Task RunAsync_NoColor_WritesNoColorSequences()
    {
        var (loop, terminal, _) = Build(color: false);
        terminal.Keys(TopKeys.Down, TopKeys.Enter, TopKeys.Char('q'));

        await loop.RunAsync();

        Assert.That(terminal.Screen.SgrCount, Is.Zero);
    }

    [Test]
    public void Constructor_IntervalTooShort_NamesTheOption()
    {
        var options = new TopOptions { Interval = TimeSpan.FromMilliseconds(10) };

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _ = new TopLoop(new FakeControlClient(), new FakeTerminal(_time), _time, options));
        Assert.That(error!.Message, Does.Contain("--interval"));
    }
}
