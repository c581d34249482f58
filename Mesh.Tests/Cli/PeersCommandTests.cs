using System.Text.Json;
using Mesh.Core.Control;
using Mesh.Tests.Node.Control;

namespace Mesh.Tests.Cli;

/// <summary><c>mesh peers</c>: the JSON contract of shared/DESIGN.md and the 80-column table.</summary>
[TestFixture]
public sealed class PeersCommandTests
{
    private static readonly string[] ResourceFields = ["cpu", "memory", "disk", "gpu"];

    [Test]
    public async Task PeersJson_FiftyPeers_MatchesDesignContract()
    {
        var harness = new CliHarness();
        harness.Client.Peers = ControlSamples.Peers(50);

        var exitCode = await harness.RunAsync("peers", "--json");

        Assert.That(exitCode, Is.Zero, harness.Stderr);
        using var document = JsonDocument.Parse(harness.Stdout);
        var root = document.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("self").ValueKind, Is.EqualTo(JsonValueKind.String));
            Assert.That(root.GetProperty("peers").GetArrayLength(), Is.EqualTo(50));
            foreach (var peer in root.GetProperty("peers").EnumerateArray())
            {
                AssertKind(peer, "id", JsonValueKind.String);
                AssertKind(peer, "name", JsonValueKind.String);
                AssertKind(peer, "addrs", JsonValueKind.Array);
                Assert.That(peer.GetProperty("addrs").EnumerateArray().All(a => a.ValueKind == JsonValueKind.String));
                foreach (var vector in new[] { "capacity", "reserved", "surplus", "inUse" })
                {
                    AssertResourceVector(peer.GetProperty(vector));
                }

                AssertKind(peer, "queued", JsonValueKind.Number);
                AssertKind(peer, "running", JsonValueKind.Number);
                AssertKind(peer, "score", JsonValueKind.Number);
                AssertKind(peer, "rank", JsonValueKind.Number);
                AssertKind(peer, "lastSeen", JsonValueKind.String);
                Assert.That(DateTimeOffset.TryParse(peer.GetProperty("lastSeen").GetString(), out _), "lastSeen is a timestamp");
            }

            var totals = root.GetProperty("totals");
            foreach (var vector in new[] { "capacity", "surplus", "inUse" })
            {
                AssertResourceVector(totals.GetProperty(vector));
            }
        });
    }

    [Test]
    public async Task PeersJson_Output_RoundTripsThroughControlJsonContext()
    {
        var harness = new CliHarness();
        harness.Client.Peers = ControlSamples.Peers(50);

        await harness.RunAsync("peers", "--json");
        var parsed = JsonSerializer.Deserialize(harness.Stdout, ControlJsonContext.Default.PeersView)!;

        Assert.Multiple(() =>
        {
            Assert.That(parsed.Self, Is.EqualTo(harness.Client.Peers.Self));
            Assert.That(parsed.Peers, Has.Count.EqualTo(50));
            Assert.That(parsed.Peers[7].Surplus, Is.EqualTo(harness.Client.Peers.Peers[7].Surplus));
            Assert.That(parsed.Totals, Is.EqualTo(harness.Client.Peers.Totals));
            Assert.That(JsonSerializer.Serialize(parsed, ControlJsonContext.Default.PeersView) + Environment.NewLine, Is.EqualTo(harness.Stdout));
        });
    }

    [Test]
    public async Task PeersJson_Memory_IsBytesAndCpuIsCores()
    {
        var harness = new CliHarness();

        await harness.RunAsync("peers", "--json");

        using var document = JsonDocument.Parse(harness.Stdout);
        var surplus = document.RootElement.GetProperty("totals").GetProperty("surplus");
        Assert.Multiple(() =>
        {
            Assert.That(surplus.GetProperty("memory").GetInt64(), Is.EqualTo(harness.Client.Peers.Totals.Surplus.Memory));
            Assert.That(surplus.GetProperty("cpu").GetDouble(), Is.EqualTo(harness.Client.Peers.Totals.Surplus.Cpu));
        });
    }

    [Test]
    public async Task PeersTable_FiftyPeers_FitsEightyColumns()
    {
        var harness = new CliHarness();
        harness.Client.Peers = ControlSamples.Peers(50);

        var exitCode = await harness.RunAsync("peers");

        var lines = harness.Stdout.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero);
            Assert.That(lines, Has.Length.EqualTo(50 + 4), "banner, header, a row per peer, two totals lines");
            Assert.That(lines.Max(l => l.Length), Is.LessThanOrEqualTo(80));
            Assert.That(lines.Any(l => l.Contains("a-machine-n~", StringComparison.Ordinal)), "a long name is cut, not allowed to push the columns");
        });
    }

    [Test]
    public async Task PeersTable_Rows_ShowSurplusRankAndLastSeen()
    {
        var harness = new CliHarness();
        harness.Client.Peers = ControlSamples.Peers(3);

        await harness.RunAsync("peers");

        var lines = harness.Stdout.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        var self = lines.Single(l => l.StartsWith("*host-00", StringComparison.Ordinal));
        var third = lines.Single(l => l.StartsWith("host-02", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(lines[1], Does.StartWith("NAME"));
            Assert.That(lines[0], Does.Contain("surplus"));
            Assert.That(self, Does.Contain(ControlSamples.PeerIdOf(0)[^8..]));
            Assert.That(self, Does.EndWith(" 0s"));
            Assert.That(third, Does.EndWith(" 14s"));
            Assert.That(third, Does.Contain(" 1075 "));
            Assert.That(lines[2], Does.StartWith("host-02"), "ranked first (rank 1)");
            Assert.That(lines[^2], Does.StartWith("layer: 3"));
            Assert.That(lines[^1], Does.StartWith("of capacity"));
        });
    }

    [Test]
    public async Task Peers_NodeUnreachable_OneLineOnStderrExit1()
    {
        var harness = new CliHarness();
        harness.Client.FailureMessage = "no node is running at /x/control.sock: start one with `mesh-node` or point --node at it (or set MESH_NODE)";

        var exitCode = await harness.RunAsync("peers");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(1));
            Assert.That(harness.Stdout, Is.Empty);
            Assert.That(harness.Stderr, Is.EqualTo("mesh: " + harness.Client.FailureMessage + Environment.NewLine));
            Assert.That(harness.Client.Disposed, Is.True);
        });
    }

    private static void AssertKind(JsonElement element, string name, JsonValueKind kind) =>
        Assert.That(element.GetProperty(name).ValueKind, Is.EqualTo(kind), name);

    private static void AssertResourceVector(JsonElement vector)
    {
        foreach (var field in ResourceFields)
        {
            Assert.That(vector.GetProperty(field).ValueKind, Is.EqualTo(JsonValueKind.Number), field);
        }

        Assert.That(vector.GetProperty("memory").TryGetInt64(out _), "memory is whole bytes");
        Assert.That(vector.GetProperty("disk").TryGetInt64(out _), "disk is whole bytes");
        Assert.That(vector.GetProperty("gpu").TryGetInt32(out _), "gpu is whole devices");
    }
}
