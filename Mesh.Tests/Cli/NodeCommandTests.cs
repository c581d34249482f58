using System.Text.Json;
using Mesh.Core.Control;

namespace Mesh.Tests.Cli;

/// <summary><c>mesh node</c>, the global <c>--node</c> option and the exit codes.</summary>
[TestFixture]
public sealed class NodeCommandTests
{
    [Test]
    public async Task Node_Human_PrintsEveryField()
    {
        var harness = new CliHarness();
        var node = harness.Client.Node;

        var exitCode = await harness.RunAsync("node");

        var text = harness.Stdout;
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero, harness.Stderr);
            Assert.That(text, Does.Contain("id          " + node.Id));
            Assert.That(text, Does.Contain("name        alpha"));
            Assert.That(text, Does.Contain(node.Addrs[0]).And.Contain(node.Addrs[1]));
            Assert.That(Line(text, "capacity"), Does.Contain("4").And.Contain("8 GiB").And.Contain("1 TB"));
            Assert.That(Line(text, "reserved"), Does.Contain("1 GiB").And.Contain("250 GB"));
            Assert.That(Line(text, "surplus"), Does.Contain("3").And.Contain("7 GiB").And.Contain("750 GB"));
            Assert.That(Line(text, "owner usage"), Does.Contain("0.7").And.Contain("3 GiB"));
            Assert.That(Line(text, "in use"), Does.Contain("0.5").And.Contain("512 MiB"));
            Assert.That(Line(text, "gpus"), Does.Contain("NVIDIA H100 80GB HBM3 (80 GiB)"));
            Assert.That(Line(text, "policy"), Does.Contain("static"));
            Assert.That(Line(text, "score"), Does.Contain("1235 (rank 1)"));
            Assert.That(text, Does.Contain("working directory per task").And.Contain("clean environment"));
            Assert.That(Line(text, "data dir"), Does.Contain("/var/lib/mesh"));
            Assert.That(Line(text, "mesh key"), Does.Contain("9f2c41d7e0a3b5c6"));
            Assert.That(Line(text, "started"), Does.Contain("(3m ago)"));
            Assert.That(text.Split(Environment.NewLine).Where(l => !l.Contains("/p2p/", StringComparison.Ordinal)).Max(l => l.Length), Is.LessThanOrEqualTo(80), "only full addresses, made to be copied whole, may be longer");
        });
    }

    [Test]
    public async Task Node_Json_IsTheControlApiView()
    {
        var harness = new CliHarness();

        await harness.RunAsync("node", "--json");

        var parsed = JsonSerializer.Deserialize(harness.Stdout, ControlJsonContext.Default.NodeView)!;
        using var document = JsonDocument.Parse(harness.Stdout);
        Assert.Multiple(() =>
        {
            Assert.That(parsed.Id, Is.EqualTo(harness.Client.Node.Id));
            Assert.That(parsed.Surplus, Is.EqualTo(harness.Client.Node.Surplus));
            Assert.That(document.RootElement.GetProperty("meshKeyFingerprint").GetString(), Is.EqualTo("9f2c41d7e0a3b5c6"));
            Assert.That(document.RootElement.GetProperty("ownerUsage").GetProperty("cpu").GetDouble(), Is.EqualTo(0.7));
        });
    }

    [Test]
    public async Task Node_UnmeasuredScore_SaysSo()
    {
        var harness = new CliHarness();
        harness.Client.Node = harness.Client.Node with { Score = 0, Rank = 0 };

        await harness.RunAsync("node");

        Assert.That(Line(harness.Stdout, "score"), Does.Contain("not measured yet"));
    }

    [TestCase("--node", "unix:/run/a.sock", "peers")]
    [TestCase("peers", "--node", "unix:/run/a.sock")]
    public async Task NodeOption_BeforeOrAfterSubcommand_ReachesTheFactory(string first, string second, string third)
    {
        var harness = new CliHarness();

        var exitCode = await harness.RunAsync(first, second, third);

        Assert.That(exitCode, Is.Zero, harness.Stderr);
        Assert.That(harness.NodeValues, Is.EqualTo(new[] { "unix:/run/a.sock" }));
    }

    [Test]
    public async Task NodeOption_NotUnix_Exit2()
    {
        var harness = new CliHarness();

        var exitCode = await harness.RunAsync("node", "--node", "tcp://1.2.3.4");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(2));
            Assert.That(harness.Stderr, Does.StartWith("mesh: --node: 'tcp://1.2.3.4'"));
        });
    }

    [Test]
    public async Task UnknownFlag_Exit2()
    {
        var harness = new CliHarness();

        var exitCode = await harness.RunAsync("peers", "--jsn");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(2));
            Assert.That(harness.Stderr, Does.Contain("--jsn"));
            Assert.That(harness.NodeValues, Is.Empty, "no node is contacted on a usage error");
        });
    }

    [Test]
    public async Task Node_NodeError_Exit1()
    {
        var harness = new CliHarness();
        harness.Client.FailureMessage = "the node at /x refused GET /v1/node (500): boom";

        var exitCode = await harness.RunAsync("node", "--json");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(1));
            Assert.That(harness.Stderr.Trim(), Is.EqualTo("mesh: the node at /x refused GET /v1/node (500): boom"));
        });
    }

    private static string Line(string text, string label) =>
        text.Split(Environment.NewLine).FirstOrDefault(l => l.StartsWith(label, StringComparison.Ordinal)) ?? $"<no line starting with {label}>";
}
