using Mesh.Core.Tasks;

namespace Mesh.Tests.Core.Scheduling;

/// <summary>Nothing submitted is lost across a restart, and finished results stay.</summary>
[TestFixture]
[CancelAfter(15_000)]
public sealed class TaskServiceRestartTests
{
    private TaskServiceHarness _harness = null!;

    [SetUp]
    public async Task Start() => _harness = await TaskServiceHarness.CreateAsync();

    [TearDown]
    public async Task Stop() => await _harness.DisposeAsync();

    [Test]
    public async Task Restart_MidRun_TaskRequeuedAndRunsToCompletion()
    {
        var id = await _harness.SubmitAsync("sh", "-c", "echo start; sleep 1; echo done");
        await _harness.WaitForFirstOutputAsync(id);

        await _harness.RestartAsync(store => Assert.That(store.Get(TaskId.Parse(id))!.State, Is.EqualTo(TaskState.Queued), "requeued on stop"));
        var status = await _harness.WaitAsync(id);

        Assert.Multiple(async () =>
        {
            Assert.That(status.State, Is.EqualTo("succeeded"));
            Assert.That(status.Attempts, Is.EqualTo(2));
            Assert.That(await _harness.OutputAsync(id), Does.EndWith("start\ndone\n"));
        });
    }

    [Test]
    public async Task Restart_AttemptLeftRunningByACrash_RequeuedAtStart()
    {
        TaskId id = default;
        await _harness.RestartAsync(store =>
        {
            // What a killed node leaves: a task running here under a lease nobody renews.
            id = store.Submit(TaskServiceHarness.Self, new TaskSpec { Argv = ["echo", "again"], MaxRetries = 1 }).Id;
            Assert.That(store.TryStartAttempt(id, AttemptId.New(), TaskServiceHarness.Self, DateTimeOffset.UtcNow.AddMinutes(5)), Is.True);
        });

        var status = await _harness.WaitAsync(id.ToString());

        Assert.That(status.State, Is.EqualTo("succeeded"));
        Assert.That(status.Attempts, Is.EqualTo(2));
    }

    [Test]
    public async Task Restart_QueuedTasks_ArePickedUp()
    {
        TaskId id = default;
        await _harness.RestartAsync(store => id = store.Submit(TaskServiceHarness.Self, new TaskSpec { Argv = ["echo", "queued"] }).Id);

        Assert.That((await _harness.WaitAsync(id.ToString())).State, Is.EqualTo("succeeded"));
        Assert.That(await _harness.OutputAsync(id.ToString()), Is.EqualTo("queued\n"));
    }

    [Test]
    public async Task Restart_FinishedResult_Survives()
    {
        var id = await _harness.SubmitAsync("sh", "-c", "echo kept; exit 4");
        await _harness.WaitAsync(id);

        await _harness.RestartAsync();

        var status = _harness.Service.Get(id)!;
        Assert.Multiple(async () =>
        {
            Assert.That(status.State, Is.EqualTo("failed"));
            Assert.That(status.ExitCode, Is.EqualTo(4));
            Assert.That(status.Attempts, Is.EqualTo(1));
            Assert.That(await _harness.OutputAsync(id), Is.EqualTo("kept\n"));
        });
    }
}
