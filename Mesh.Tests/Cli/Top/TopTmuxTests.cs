using Mesh.Core.Control;

namespace Mesh.Tests.Cli.Top;

/// <summary>
/// <c>mesh top</c> driven the way a person uses it (issue 4): the real <c>mesh</c> binary in an 80x24 tmux
/// session, keys sent, the screen read back. The node is <see cref="FakeNodeControlSocket"/>, a test double
/// serving the control API's JSON on a Unix socket.
/// </summary>
/// <remarks>
/// Needs the whole CLI: <c>TopCommand</c> registered in Program.cs and the real <c>UnixSocketControlClient</c>.
/// Both arrive at integration; before that this test fails at its first wait (no <c>top</c> command).
/// </remarks>
[Category("Tmux")]
[Description("Needs TopCommand in Program.cs and UnixSocketControlClient (integration); needs tmux.")]
public sealed class TopTmuxTests
{
    private static PeersView Peers()
    {
        // Ages relative to now: the binary compares with its own clock.
        var now = DateTimeOffset.UtcNow;
        return TopTestPeers.View(
            TopTestPeers.A with { LastSeen = now.AddSeconds(-1) },
            TopTestPeers.B with { LastSeen = now.AddSeconds(-5) },
            TopTestPeers.C with { LastSeen = now.AddSeconds(-30) });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task MeshTop_InTmux_FollowsKeysAndRestoresTheShell()
    {
        Assert.That(TmuxSession.IsInstalled, Is.True, "tmux is not installed (apt-get install tmux)");
        await using var node = FakeNodeControlSocket.Start(Peers);
        var mesh = Path.Combine(AppContext.BaseDirectory, "mesh.dll");
        using var tmux = TmuxSession.Start($"dotnet '{mesh}' top --node '{node.Endpoint}'; echo \"mesh top exited with $?\"; exec sleep 600");

        // Stop waiting as soon as the binary has exited (before integration: "Unrecognized command 'top'").
        var screen = await tmux.WaitForAsync(
            s => s.Contains("3 peers", StringComparison.Ordinal) || s.Contains("mesh top exited with", StringComparison.Ordinal),
            "the peer table",
            TimeSpan.FromSeconds(30));
        Assert.That(screen, Does.Contain("3 peers"), "mesh top did not show the table; is TopCommand wired into Program.cs and the real control client in place?");
        var lines = screen.Split('\n');
        Assert.Multiple(() =>
        {
            Assert.That(lines[0], Does.StartWith("CPU  [").And.Contain("surplus 18 / capacity 22 cores"));
            Assert.That(lines[1], Does.Contain("surplus 70.5 GiB"));
            Assert.That(lines[5], Does.Contain("RK*"));
            Assert.That(lines[6], Does.StartWith(">*alpha"));
            Assert.That(lines[7], Does.StartWith("  bravo"));
            Assert.That(lines[8], Does.StartWith("  charlie"));
            Assert.That(lines[23], Does.StartWith("q quit"));
            Assert.That(lines.Select(l => l.Length), Has.All.LessThanOrEqualTo(80));
        });

        tmux.SendKeys("Down");
        await tmux.WaitForAsync(s => Line(s, 7).StartsWith("> bravo", StringComparison.Ordinal), "bravo selected");

        tmux.SendKeys("s");
        screen = await tmux.WaitForAsync(s => Line(s, 5).Contains("CPU*", StringComparison.Ordinal), "the sort moved to CPU");
        Assert.Multiple(() =>
        {
            Assert.That(Line(screen, 5), Does.Not.Contain("RK*"));
            Assert.That(Line(screen, 4), Does.Contain("sort: cpu surplus, most first"));
            Assert.That(Line(screen, 6), Does.StartWith("  charlie"));
            Assert.That(Line(screen, 8), Does.StartWith("> bravo"), "the selection stays on bravo");
        });

        tmux.SendKeys("Enter");
        screen = await tmux.WaitForAsync(s => s.Contains("addresses", StringComparison.Ordinal), "the detail pane");
        Assert.Multiple(() =>
        {
            Assert.That(Line(screen, 5), Does.StartWith(" bravo"));
            Assert.That(screen, Does.Contain("id         " + TopTestPeers.IdB));
            Assert.That(screen, Does.Contain("addresses  /ip4/192.168.1.11/tcp/4001"));
            Assert.That(screen, Does.Contain("memory           8 GiB    512 MiB    7.5 GiB        0 B"));
        });

        tmux.SendKeys("Escape");
        await tmux.WaitForAsync(s => Line(s, 5).Contains("NAME", StringComparison.Ordinal) && !s.Contains("addresses", StringComparison.Ordinal), "the table again");

        tmux.SendKeys("q");
        screen = await tmux.WaitForAsync(s => s.Contains("mesh top exited with 0", StringComparison.Ordinal), "the shell after q");
        Assert.Multiple(() =>
        {
            Assert.That(screen, Does.Not.Contain("NAME"), "the alternate screen was left");
            Assert.That(node.Requests, Is.GreaterThanOrEqualTo(1));
        });
    }

    private static string Line(string screen, int index)
    {
        var lines = screen.Split('\n');
        return index < lines.Length ? lines[index] : "";
    }
}
