using System.Text.Json;
using Mesh.Core.Control;
using Mesh.Node;

namespace Mesh.Tests.Node;

/// <summary>
/// Owner first, with real nodes: the executor's owner takes the machine back (its usage played through the test hook
/// file), and the guest task running there is suspended, resumed when the owner lets go, and evicted (to run again)
/// when the owner keeps it past the grace.
/// </summary>
[TestFixture]
[NonParallelizable]
[CancelAfter(120_000)]
public sealed class OwnerFirstProcessTests : ClusterFixture
{
    /// <inheritdoc/>
    protected override string WorkPrefix => "mesh-owner-";

    [Test]
    public async Task OwnerTakesTheMachineBack_GuestSuspendedResumedThenEvictedAndRunAgain()
    {
        var usage = Path.Combine(Work.FullName, "owner-usage");
        await File.WriteAllTextAsync(usage, "cpu=0");
        await Cluster.StartAsync("a", "--capacity", "cpu=2");
        await Cluster.StartWithAsync(
            "b",
            new Dictionary<string, string> { [NodeServiceCollectionExtensions.TestOwnerUsageVariable] = usage },
            "--capacity", "cpu=2", "--policy", "dynamic", "--headroom", "cpu=0,mem=0", "--probe-interval", "200ms",
            "--rise-smoothing", "200ms", "--fall-smoothing", "200ms", "--hold-time", "200ms", "--evict-after", "3s");
        await Cluster.WaitForPeersAsync("a", "b");

        // Counts up every 50 ms: while it is suspended its output stops.
        var submit = await Cluster.MeshAsync("a", "submit", "--on", "b", "--json", "--", "sh", "-c", "i=0; while [ $i -lt 2000 ]; do echo $i; i=$((i+1)); sleep 0.05; done");
        var id = JsonSerializer.Deserialize(submit.Stdout, ControlJsonContext.Default.SubmitTaskResponse)!.Ids[0];
        await WaitUntilAsync(async () => await LinesAsync(id) > 5, "the guest task prints");

        await File.WriteAllTextAsync(usage, "cpu=2");
        await WaitUntilAsync(async () => await StalledAsync(id), "the guest task stops printing (suspended)");
        await File.WriteAllTextAsync(usage, "cpu=0");
        var before = await LinesAsync(id);
        await WaitUntilAsync(async () => await LinesAsync(id) > before + 5, "the guest task prints again (resumed)");

        await File.WriteAllTextAsync(usage, "cpu=2");
        await WaitUntilAsync(async () => (await Cluster.StatusAsync("a", id)).Error?.Contains("evicted", StringComparison.Ordinal) == true, "the guest task is evicted back to its origin");
        var evicted = await Cluster.StatusAsync("a", id);
        await File.WriteAllTextAsync(usage, "cpu=0");
        await WaitUntilAsync(async () => (await Cluster.StatusAsync("a", id)).State == "running", "the task runs again once the owner lets go");
        var cancel = await Cluster.MeshAsync("a", "cancel", id);

        Assert.Multiple(() =>
        {
            Assert.That(evicted.State, Is.AnyOf("queued", "running"), "evicted work goes back to its origin, not to failed");
            Assert.That(evicted.Attempts, Is.LessThanOrEqualTo(1), "an eviction spends no retry");
            Assert.That(cancel.ExitCode, Is.Zero, cancel.Stderr);
        });
    }

    private async Task<int> LinesAsync(string id) =>
        (await Cluster.MeshAsync("a", "logs", id)).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;

    // No new line over a second: far longer than the task's 50 ms between lines.
    private async Task<bool> StalledAsync(string id)
    {
        var first = await LinesAsync(id);
        await Task.Delay(1000);
        return await LinesAsync(id) == first;
    }
}
