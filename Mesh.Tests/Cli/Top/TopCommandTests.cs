using System.CommandLine;
using Mesh.Cli.Client;
using Mesh.Cli.Top;

namespace Mesh.Tests.Cli.Top;

[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class TopCommandTests
{
    private readonly Option<string> _node = new("--node");
    private readonly List<string?> _connected = [];

    private RootCommand Root(IControlClient client, bool redirected = true, ITerminal? terminal = null, bool recursive = false)
    {
        _node.Recursive = recursive;
        var root = new RootCommand("test");
        if (recursive)
        {
            root.Options.Add(_node);
        }

        root.Subcommands.Add(TopCommand.Create(_node, node =>
        {
            _connected.Add(node);
            return client;
        }, () => redirected, () => terminal!));
        return root;
    }

    private static async Task<(int Exit, string Output, string Error)> InvokeAsync(RootCommand root, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    [Test]
    public async Task Invoke_OutputRedirected_PrintsOneFrameOfEveryPeer()
    {
        var client = new FakeControlClient().Answer(TopTestPeers.Three);

        var (exit, output, error) = await InvokeAsync(Root(client), "top", "--node", "unix:/tmp/n.sock");
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.Zero, error);
            Assert.That(_connected, Is.EqualTo(new[] { "unix:/tmp/n.sock" }));
            Assert.That(client.Disposed, Is.True);
            Assert.That(output, Does.Not.Contain("\u001b"));
            Assert.That(lines[0], Does.StartWith("CPU  [").And.EndWith("surplus 18 / capacity 22 cores"));
            Assert.That(lines.Select(l => l.Length), Has.All.LessThanOrEqualTo(80));
            Assert.That(lines[^3], Does.StartWith(" *alpha"));
            Assert.That(lines[^1], Does.StartWith("  charlie"));
        });
    }

    [Test]
    public async Task Invoke_NoNodeOption_ConnectsWithNull()
    {
        var (exit, _, _) = await InvokeAsync(Root(new FakeControlClient().Answer(TopTestPeers.Three)), "top");

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.Zero);
            Assert.That(_connected, Is.EqualTo(new string?[] { null }));
        });
    }

    [Test]
    public async Task Invoke_RecursiveNodeOptionOnTheRoot_IsRead()
    {
        var (exit, _, _) = await InvokeAsync(Root(new FakeControlClient().Answer(TopTestPeers.Three), recursive: true), "--node", "unix:/a", "top");

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.Zero);
            Assert.That(_connected, Is.EqualTo(new[] { "unix:/a" }));
        });
    }

    [Test]
    public async Task Invoke_NodeUnreachable_ExitsOneWithTheClientsLine()
    {
        var client = new FakeControlClient().Fail("no node is running at unix:/tmp/n.sock; start it with mesh-node");

        var (exit, output, error) = await InvokeAsync(Root(client), "top");

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(1));
            Assert.That(output, Is.Empty);
            Assert.That(error, Is.EqualTo("no node is running at unix:/tmp/n.sock; start it with mesh-node" + Environment.NewLine));
        });
    }

    [Test]
    public async Task Invoke_ConnectFails_ExitsOneWithTheLine()
    {
        var root = new RootCommand("test") { TopCommand.Create(_node, _ => throw new ControlClientException("MESH_NODE is not a unix: address")) };

        var (exit, _, error) = await InvokeAsync(root, "top");

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(1));
            Assert.That(error, Does.StartWith("MESH_NODE is not a unix: address"));
        });
    }

    [TestCase("0.01")]
    [TestCase("7200")]
    [TestCase("soon")]
    [TestCase("50ms")]
    public async Task Invoke_BadInterval_IsAParseErrorNamingTheOption(string interval)
    {
        var (exit, _, error) = await InvokeAsync(Root(new FakeControlClient().Answer(TopTestPeers.Three)), "top", "--interval", interval);

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.Not.Zero);
            Assert.That(error, Does.Contain("--interval"));
            Assert.That(_connected, Is.Empty);
        });
    }

    [Test]
    public async Task Invoke_OnATerminal_RunsTheFullScreenLoop()
    {
        var terminal = new FakeTerminal(new Microsoft.Extensions.Time.Testing.FakeTimeProvider()).Keys(TopKeys.Char('q'));

        var (exit, output, _) = await InvokeAsync(Root(new FakeControlClient().Answer(TopTestPeers.Three), redirected: false, terminal: terminal), "top", "--interval", "500ms");

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.Zero);
            Assert.That(output, Is.Empty);
            Assert.That(terminal.LastFrame[4], Does.Contain("every 0.5s"));
            Assert.That(terminal.Screen.AlternateScreen, Is.False);
        });
    }
}
