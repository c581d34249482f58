using System.Text.Json;
using Mesh.Core.Control;
using Mesh.Tests.Node.Control;

namespace Mesh.Tests.Cli;

/// <summary><c>mesh peers</c>: the GIVEN and USED columns, the forked mark, and the <c>journal</c> field of the JSON.</summary>
[TestFixture]
public sealed class PeersJournalColumnsTests
{
    [Test]
    public async Task PeersTable_Journal_ShowsGivenAndUsedCpuTime()
    {
        var harness = new CliHarness();
        harness.Client.Peers = WithJournals(ControlSamples.Peers(3));

        await harness.RunAsync("peers");

        var lines = harness.Stdout.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        var beta = lines.Single(l => l.StartsWith("host-01", StringComparison.Ordinal));
        var none = lines.Single(l => l.StartsWith("host-02", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(lines[1], Does.Contain("GIVEN  USED"));
            Assert.That(beta, Does.Contain("   2h   45s "));
            Assert.That(none, Does.Contain("     -     - "), "no journal announced");
            Assert.That(lines.Max(l => l.Length), Is.LessThanOrEqualTo(80));
        });
    }

    [Test]
    public async Task PeersTable_ForkedJournal_MarksNameAndSaysWhy()
    {
        var harness = new CliHarness();
        var view = WithJournals(ControlSamples.Peers(3));
        harness.Client.Peers = view with
        {
            Peers = [view.Peers[0], view.Peers[1] with { Journal = JournalSamples.PeerJournal(1, 1, "forked", "head at height 42 changed from aaa to bbb") }, view.Peers[2]],
        };

        await harness.RunAsync("peers");

        var lines = harness.Stdout.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(lines, Has.Some.StartsWith("!host-01 "));
            Assert.That(lines[^1], Does.StartWith("! host-01").And.Contain("journal forked: head at height 42 changed from aaa to bbb"));
            Assert.That(lines, Has.None.StartsWith("!host-02"));
        });
    }

    [Test]
    public async Task PeersJson_Journal_CarriesContractFields()
    {
        var harness = new CliHarness();
        harness.Client.Peers = WithJournals(ControlSamples.Peers(3));

        await harness.RunAsync("peers", "--json");

        using var document = JsonDocument.Parse(harness.Stdout);
        var peers = document.RootElement.GetProperty("peers");
        var journal = peers[1].GetProperty("journal");
        Assert.Multiple(() =>
        {
            Assert.That(journal.GetProperty("height").GetInt64(), Is.EqualTo(42));
            Assert.That(journal.GetProperty("head").GetString(), Is.EqualTo(JournalSamples.Head));
            Assert.That(journal.GetProperty("given").GetProperty("cpuSeconds").GetDouble(), Is.EqualTo(7200));
            Assert.That(journal.GetProperty("used").GetProperty("tasks").GetInt64(), Is.EqualTo(2));
            Assert.That(journal.GetProperty("given").TryGetProperty("memoryByteSeconds", out _));
            Assert.That(journal.GetProperty("given").TryGetProperty("gpuSeconds", out _));
            Assert.That(journal.GetProperty("status").GetString(), Is.EqualTo("consistent"));
            Assert.That(peers[2].GetProperty("journal").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });
    }

    [TestCase(0, "0")]
    [TestCase(12.4, "12s")]
    [TestCase(5.5, "5.5s")]
    [TestCase(600, "10m")]
    [TestCase(7200, "2h")]
    [TestCase(12_240, "3.4h")]
    [TestCase(36 * 3600, "36h")]
    [TestCase(15 * 86400, "15d")]
    [TestCase(3 * 365 * 86400, "3y")]
    [TestCase(-1, "-")]
    public void CpuSeconds_Amount_CompactWithinFiveCharacters(double seconds, string expected)
    {
        var text = Mesh.Cli.Output.Units.CpuSeconds(seconds);

        Assert.Multiple(() =>
        {
            Assert.That(text, Is.EqualTo(expected));
            Assert.That(text, Has.Length.LessThanOrEqualTo(Mesh.Cli.Output.Units.MaxCpuSecondsWidth));
        });
    }

    internal static PeersView WithJournals(PeersView view) => view with
    {
        Peers = [.. view.Peers.Select((p, i) => i == 2 ? p : p with { Journal = JournalSamples.PeerJournal(7200, 45) })],
    };
}
