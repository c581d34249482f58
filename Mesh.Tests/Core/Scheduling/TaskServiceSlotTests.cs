using Mesh.Core.Control;
using Mesh.Core.Resources;
using Mesh.Core.Tasks;

namespace Mesh.Tests.Core.Scheduling;

/// <summary>The number of tasks running at once follows the slots the surplus gives.</summary>
[TestFixture]
[CancelAfter(15_000)]
public sealed class TaskServiceSlotTests
{
    [Test]
    public async Task Run_SixTasksOnTwoSlots_AtMostTwoOverlap()
    {
        await using var harness = await TaskServiceHarness.CreateAsync(surplusCpu: 2.7);

        var response = await harness.Service.SubmitAsync(new SubmitTaskRequest { Argv = ["sleep", "0.2"], Array = "1-6" });
        foreach (var id in response.Ids)
        {
            await harness.WaitAsync(id);
        }

        var runs = response.Ids.Select(id => harness.Store.Get(TaskId.Parse(id))!).ToList();
        Assert.That(runs.Select(r => r.State), Is.All.EqualTo(TaskState.Succeeded));
        Assert.That(MostAtOnce(runs), Is.EqualTo(2));
    }

    [Test]
    public async Task Run_TwoCoreTasksOnTwoSlots_OneAtATime()
    {
        await using var harness = await TaskServiceHarness.CreateAsync(surplusCpu: 2);

        var response = await harness.Service.SubmitAsync(new SubmitTaskRequest { Argv = ["sleep", "0.2"], Cpu = 2, Array = "1-3" });
        foreach (var id in response.Ids)
        {
            await harness.WaitAsync(id);
        }

        Assert.That(MostAtOnce(response.Ids.Select(id => harness.Store.Get(TaskId.Parse(id))!).ToList()), Is.EqualTo(1));
    }

    [Test]
    public async Task Load_WhileRunning_CountsRunningAndInUse()
    {
        await using var harness = await TaskServiceHarness.CreateAsync();
        var response = await harness.Service.SubmitAsync(new SubmitTaskRequest { Argv = ["sh", "-c", "echo up; sleep 30"], Cpu = 1.5, Memory = 1 << 20 });
        await harness.WaitForFirstOutputAsync(response.Ids[0]);

        Assert.Multiple(() =>
        {
            Assert.That(harness.Service.Running, Is.EqualTo(1));
            Assert.That(harness.Slots.InUse, Is.EqualTo(new ResourceVector(1.5, 1 << 20, 0, 0)));
        });

        await harness.Service.CancelAsync(response.Ids[0]);
        Assert.That(harness.Slots.InUse, Is.EqualTo(default(ResourceVector)));
    }

    // The most attempts whose [start, end) intervals overlap (the store's times are milliseconds).
    private static int MostAtOnce(IReadOnlyList<TaskRecord> runs)
    {
        var events = runs.SelectMany(r => new[] { (At: r.StartedAt!.Value, Step: 1), (At: r.FinishedAt!.Value, Step: -1) })
            .OrderBy(e => e.At).ThenBy(e => e.Step);
        int current = 0, most = 0;
        foreach (var (_, step) in events)
        {
            current += step;
            most = Math.Max(most, current);
        }

        return most;
    }
}
