using System.Text.Json;
using Mesh.Core.Control;
using Mesh.Tests.Node.Control;

namespace Mesh.Tests.Cli;

/// <summary><c>mesh journal</c> and <c>mesh journal verify</c> against a fake node.</summary>
[TestFixture]
public sealed class JournalCommandTests
{
    [Test]
    public async Task Journal_Defaults_AsksThisNodeFromOneForAHundred()
    {
        var harness = new CliHarness();

        var exitCode = await harness.RunAsync("journal");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero, harness.Stderr);
            Assert.That(harness.Client.JournalCalls, Is.EqualTo(new[] { ((string?)null, 1L, 100) }));
        });
    }

    [Test]
    public async Task Journal_PeerFromLimit_PassedToTheNode()
    {
        var harness = new CliHarness();

        await harness.RunAsync("journal", "--peer", "host-01", "--from", "50", "--limit", "1024");

        Assert.That(harness.Client.JournalCalls, Is.EqualTo(new[] { ((string?)"host-01", 50L, 1024) }));
    }

    [TestCase("--from", "0")]
    [TestCase("--limit", "0")]
    [TestCase("--limit", "1025")]
    [TestCase("--from", "x")]
    public async Task Journal_BadNumber_Exit2WithoutAskingTheNode(string option, string value)
    {
        var harness = new CliHarness();

        var exitCode = await harness.RunAsync("journal", option, value);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(2));
            Assert.That(harness.Stderr, Does.Contain(option));
            Assert.That(harness.Client.JournalCalls, Is.Empty);
        });
    }

    [Test]
    public async Task Journal_Table_RowPerEntryNamesKnownPeersThenHead()
    {
        var harness = new CliHarness();

        await harness.RunAsync("journal");

        var lines = harness.Stdout.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(lines, Has.Length.EqualTo(1 + 3 + 1));
            Assert.That(lines[0], Does.Match(@"^HEIGHT\s+FINISHED\s+TASK\s+ORIGIN\s+EXECUTOR\s+OUTCOME\s+CPU-S\s+WALL$"));
            Assert.That(lines[1], Does.Match(@"^\s+1\s+9m ago\s+01JD\d+\s+host-00\s+host-01\s+exit 0\s+13s\s+1m05s$"));
            Assert.That(lines[2], Does.Contain("host-02  host-00"), "origin then executor, by name");
            Assert.That(lines[3], Does.Contain("signal 9"));
            Assert.That(lines[^1], Is.EqualTo("height 3, head 0123456789ab"));
        });
    }

    [Test]
    public async Task Journal_UnknownPeerIds_ShownShort()
    {
        var harness = new CliHarness();
        harness.Client.Peers = ControlSamples.Peers(1);
        harness.Client.Journal = harness.Client.Journal with { Name = "me" };

        await harness.RunAsync("journal");

        var row = harness.Stdout.Split(Environment.NewLine)[1];
        Assert.That(row, Does.Contain(ControlSamples.PeerIdOf(1)[^8..]));
    }

    [Test]
    public async Task Journal_Json_IsTheNodesAnswer()
    {
        var harness = new CliHarness();

        await harness.RunAsync("journal", "--json");

        Assert.That(harness.Stdout, Is.EqualTo(JsonSerializer.Serialize(harness.Client.Journal, ControlJsonContext.Default.JournalListView) + Environment.NewLine));
    }

    [Test]
    public async Task Journal_NodeRefuses_OneLineExit1()
    {
        var harness = new CliHarness();
        harness.Client.JournalFailure = "unknown peer 'zeta': no peer in this node's peer table has that id or name (see `mesh peers`)";

        var exitCode = await harness.RunAsync("journal", "--peer", "zeta");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(1));
            Assert.That(harness.Stdout, Is.Empty);
            Assert.That(harness.Stderr, Is.EqualTo("mesh: " + harness.Client.JournalFailure + Environment.NewLine));
        });
    }

    [Test]
    public async Task Verify_Green_PrintsCountAndHeadExit0()
    {
        var harness = new CliHarness();

        var exitCode = await harness.RunAsync("journal", "verify");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero);
            Assert.That(harness.Stdout, Is.EqualTo($"journal of alpha: 3 entries verified, head {JournalSamples.Head}{Environment.NewLine}"));
            Assert.That(harness.Client.VerifyCalls, Is.EqualTo(new string?[] { null }));
        });
    }

    [Test]
    public async Task Verify_BadEntry_NamesItExit1()
    {
        var harness = new CliHarness();
        harness.Client.Verification = JournalSamples.Bad(4, "badExecutorSignature", "entry 4 (ab12cd34ef56): the executor signature does not verify");

        var exitCode = await harness.RunAsync("journal", "verify", "--peer", "host-01");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(1));
            Assert.That(harness.Stdout, Is.EqualTo(
                "journal of host-01: entry 4 is bad (badExecutorSignature): entry 4 (ab12cd34ef56): the executor signature does not verify" + Environment.NewLine));
            Assert.That(harness.Client.VerifyCalls, Is.EqualTo(new[] { "host-01" }));
        });
    }

    [Test]
    public async Task Verify_JsonBad_PrintsVerdictExit1()
    {
        var harness = new CliHarness();
        harness.Client.Verification = JournalSamples.Bad(2, "wrongHeight", "entry at position 2 says height 3");

        var exitCode = await harness.RunAsync("journal", "verify", "--json");

        using var document = JsonDocument.Parse(harness.Stdout);
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(1));
            Assert.That(document.RootElement.GetProperty("ok").GetBoolean(), Is.False);
            Assert.That(document.RootElement.GetProperty("firstBad").GetProperty("kind").GetString(), Is.EqualTo("wrongHeight"));
            Assert.That(document.RootElement.GetProperty("firstBad").GetProperty("position").GetInt64(), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task Verify_NodeUnreachable_Exit1OnStderr()
    {
        var harness = new CliHarness();
        harness.Client.JournalFailure = "cannot fetch the journal of host-01: dial failed";

        var exitCode = await harness.RunAsync("journal", "verify", "--peer", "host-01");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(1));
            Assert.That(harness.Stdout, Is.Empty);
            Assert.That(harness.Stderr, Does.Contain("dial failed"));
        });
    }
}
