using System.Text.Json;
using Mesh.Core.Control;

namespace Mesh.Tests.Node;

/// <summary>
/// Four real <c>mesh-node</c> processes on loopback: work submitted at one node spreads over all of them (pushed to
/// peers with free surplus, stolen by idle ones), and a node killed mid-run loses nothing: every task ends with
/// exactly one result.
/// </summary>
[TestFixture]
[NonParallelizable]
[CancelAfter(180_000)]
public sealed class WorkStealingProcessTests : ClusterFixture
{
    private static readonly string[] Names = ["n1", "n2", "n3", "n4"];

    /// <inheritdoc/>
    protected override string WorkPrefix => "mesh-steal-";

    [Test]
    public async Task FourHundredTasksAtOneNode_RunOnEveryNodeAndEachSucceedsOnce()
    {
        await StartMeshAsync();

        var ids = await SubmitAsync("n1", "--array", "1-400", "--", "sh", "-c", "sleep 0.02; echo {}");
        var statuses = await WaitAllAsync("n1", ids);
        var ranOn = statuses.GroupBy(s => s.Executor).ToDictionary(g => g.Key!, g => g.Count());

        Assert.Multiple(async () =>
        {
            Assert.That(statuses.Select(s => s.State), Is.All.EqualTo("succeeded"));
            Assert.That(statuses.Select(s => s.Attempts), Is.All.EqualTo(1), "no task ran twice");
            foreach (var name in Names)
            {
                Assert.That(ranOn.GetValueOrDefault(await Cluster.IdOfAsync(name)), Is.GreaterThan(0), $"{name} ran some: {string.Join(", ", ranOn.Values)}");
            }
        });
    }

    [Test]
    public async Task ExecutorKilledMidRun_EveryTaskEndsWithExactlyOneResult()
    {
        await StartMeshAsync();
        var ids = await SubmitAsync("n1", "--array", "1-24", "--retries", "2", "--", "sh", "-c", "sleep 1; echo {}");
        var n4 = await Cluster.IdOfAsync("n4");
        await WaitUntilAsync(async () => (await StatusesAsync("n1", ids)).Any(s => s.State == "running" && s.Executor == n4), "n4 runs some of them", seconds: 60);

        await Cluster.KillAsync("n4");
        var statuses = await WaitAllAsync("n1", ids);
        var logs = await Task.WhenAll(ids.Select(id => Cluster.MeshAsync("n1", "logs", id)));

        Assert.Multiple(() =>
        {
            Assert.That(statuses.Select(s => s.State), Is.All.EqualTo("succeeded"));
            Assert.That(statuses.Where(s => s.Attempts > 1).Select(s => s.Executor), Has.None.EqualTo(n4), "what n4 lost ran elsewhere");
            for (var i = 0; i < ids.Length; i++)
            {
                Assert.That(logs[i].Stdout, Does.EndWith($"{i + 1}\n"), $"task {i + 1} has its output once");
            }
        });
    }

    private async Task StartMeshAsync()
    {
        foreach (var name in Names)
        {
            await Cluster.StartAsync(name, "--capacity", "cpu=2");
        }

        await Cluster.WaitForPeersAsync("n1", Names);
    }

    private async Task<string[]> SubmitAsync(string node, params string[] arguments)
    {
        var submit = await Cluster.MeshAsync(node, ["submit", "--json", .. arguments]);
        Assert.That(submit.ExitCode, Is.Zero, submit.Stderr);
        return [.. JsonSerializer.Deserialize(submit.Stdout, ControlJsonContext.Default.SubmitTaskResponse)!.Ids];
    }

    private async Task<TaskStatusView[]> StatusesAsync(string node, string[] ids)
    {
        // `mesh tasks --json` pages through every task itself.
        var listed = await Cluster.MeshAsync(node, "tasks", "--json");
        Assert.That(listed.ExitCode, Is.Zero, listed.Stderr);
        var byId = JsonSerializer.Deserialize(listed.Stdout, ControlJsonContext.Default.TaskListView)!.Tasks.ToDictionary(t => t.Id);
        return [.. ids.Select(id => byId[id])];
    }

    private async Task<TaskStatusView[]> WaitAllAsync(string node, string[] ids)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (true)
        {
            var statuses = await StatusesAsync(node, ids);
            if (statuses.All(s => s.State is "succeeded" or "failed" or "cancelled" or "lost") || DateTime.UtcNow > deadline)
            {
                return statuses;
            }

            await Task.Delay(500);
        }
    }
}
