using System.Text.Json;
using Mesh.Cli.Client;
using Mesh.Cli.Tasks;
using Mesh.Core.Control;
using Moq;

namespace Mesh.Tests.Cli.Tasks;

/// <summary><c>mesh tasks</c> and <c>mesh status</c>: paging through everything, 80 columns, the contract's JSON.</summary>
[TestFixture]
[CancelAfter(20_000)]
public sealed class TaskListingCommandTests
{
    private static readonly DateTimeOffset Submitted = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private TaskCliHarness _cli = null!;

    [SetUp]
    public void Start() => _cli = new TaskCliHarness();

    [TearDown]
    public async Task Stop() => await _cli.DisposeAsync();

    [Test]
    public async Task Tasks_ThousandTasks_EveryPageReadEveryLineWithin80Columns()
    {
        var ids = AddTasks(1000);

        var exitCode = await _cli.RunAsync("tasks");

        var lines = _cli.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero, _cli.Stderr);
            Assert.That(lines, Has.Length.EqualTo(1001));
            Assert.That(lines.Max(l => l.Length), Is.LessThanOrEqualTo(80));
            Assert.That(lines[0], Does.StartWith("ID").And.Contain("STATE").And.Contain("EXIT").And.Contain("EXECUTOR").And.Contain("SUBMITTED").And.Contain("DURATION"));
            Assert.That(lines.Skip(1).Select(l => l[..26]), Is.EqualTo(ids));
            Assert.That(_cli.Tasks.ListCalls, Has.Count.EqualTo(10), "the fake serves 100 a page");
        });
    }

    [Test]
    public async Task Tasks_Row_StateExitExecutorAgeDuration()
    {
        var id = _cli.Tasks.NewId();
        _cli.Tasks.Add(new TaskStatusView
        {
            Id = id,
            State = "failed",
            ExitCode = 3,
            Origin = TaskCliHarness.SelfId,
            Executor = TaskCliHarness.PeerId,
            Attempts = 1,
            SubmittedAt = Submitted,
            StartedAt = Submitted.AddSeconds(1),
            FinishedAt = Submitted.AddSeconds(3).AddMinutes(2),
        });

        await _cli.RunAsync("tasks");

        var row = _cli.Stdout.Split('\n')[1];
        Assert.That(row, Is.EqualTo($"{id} failed       3 00000002   12s ago    2m02s"));
    }

    [Test]
    public async Task Tasks_StateOption_OnlyThatStateAskedFor()
    {
        AddTasks(5, "running");
        AddTasks(3, "queued");

        var exitCode = await _cli.RunAsync("tasks", "--state", "queued");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero, _cli.Stderr);
            Assert.That(_cli.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(4));
            Assert.That(_cli.Tasks.ListCalls.Select(c => c.State), Is.All.EqualTo("queued"));
        });
    }

    [Test]
    public async Task Tasks_UnknownState_UsageError()
    {
        var exitCode = await _cli.RunAsync("tasks", "--state", "sleeping");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(2));
            Assert.That(_cli.Tasks.ListCalls, Is.Empty);
        });
    }

    [Test]
    public async Task TasksJson_AllPages_OneListViewRoundTrips()
    {
        var ids = AddTasks(250);

        var exitCode = await _cli.RunAsync("tasks", "--json");

        var view = JsonSerializer.Deserialize(_cli.Stdout, ControlJsonContext.Default.TaskListView)!;
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero, _cli.Stderr);
            Assert.That(view.Tasks.Select(t => t.Id), Is.EqualTo(ids));
            Assert.That(view.Next, Is.Null);
            Assert.That(_cli.Stdout.TrimEnd(), Is.EqualTo(JsonSerializer.Serialize(view, ControlJsonContext.Default.TaskListView)));
        });
    }

    [Test]
    public async Task StatusJson_Task_TheDesignFieldsThenTheError()
    {
        var id = AddTasks(1, "succeeded")[0];

        var exitCode = await _cli.RunAsync("status", id, "--json");

        using var document = JsonDocument.Parse(_cli.Stdout);
        var names = document.RootElement.EnumerateObject().Select(p => p.Name);
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero, _cli.Stderr);
            Assert.That(names, Is.EqualTo(new[] { "id", "state", "exitCode", "origin", "executor", "attempts", "submittedAt", "startedAt", "finishedAt", "error" }));
            Assert.That(JsonSerializer.Deserialize(_cli.Stdout, ControlJsonContext.Default.TaskStatusView), Is.EqualTo(_cli.Tasks.Get(id)));
        });
    }

    [Test]
    public async Task Status_Task_LabelledLines()
    {
        var id = AddTasks(1, "succeeded")[0];

        await _cli.RunAsync("status", id);

        Assert.Multiple(() =>
        {
            Assert.That(_cli.Stdout, Does.StartWith($"id          {id}\nstate       succeeded\nexit code   0\n"));
            Assert.That(_cli.Stdout, Does.Contain($"executor    {TaskCliHarness.PeerId}\n"));
            Assert.That(_cli.Stdout, Does.Contain("submitted   2025-06-01 12:00:00 +00:00 (12s ago)\n"));
            Assert.That(_cli.Stdout, Does.EndWith("duration    2s\n"));
        });
    }

    [Test]
    public async Task Status_UnknownTask_NoTaskAtThisNodeExit1()
    {
        var exitCode = await _cli.RunAsync("status", "01jdq3v8k2x4c9n7m5r0t6w8yz");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(1));
            Assert.That(_cli.Stderr, Is.EqualTo("mesh: no task 01jdq3v8k2x4c9n7m5r0t6w8yz at this node\n"));
        });
    }

    [Test]
    public async Task Status_NoTask_CountPerStateOverAllPages()
    {
        AddTasks(150, "succeeded");
        AddTasks(7, "running");
        AddTasks(2, "failed");

        var exitCode = await _cli.RunAsync("status");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero, _cli.Stderr);
            Assert.That(_cli.Stdout, Is.EqualTo(
                "queued           0\nrunning          7\nsucceeded      150\nfailed           2\ncancelled        0\nlost             0\ntotal          159\n"));
        });
    }

    [Test]
    public async Task StatusJson_NoTask_CountsObject()
    {
        AddTasks(3, "queued");

        await _cli.RunAsync("status", "--json");

        Assert.That(_cli.Stdout.TrimEnd(), Is.EqualTo("{\"queued\":3,\"running\":0,\"succeeded\":0,\"failed\":0,\"cancelled\":0,\"lost\":0,\"total\":3}"));
    }

    [Test]
    public async Task SubmitJson_Response_RoundTripsThroughTheContract()
    {
        var exitCode = await _cli.RunAsync("submit", "--json", "--array", "1-3", "--", "echo", "{}");

        var response = JsonSerializer.Deserialize(_cli.Stdout, ControlJsonContext.Default.SubmitTaskResponse)!;
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero, _cli.Stderr);
            Assert.That(response.Ids, Has.Count.EqualTo(3));
            Assert.That(_cli.Stdout.TrimEnd(), Is.EqualTo(JsonSerializer.Serialize(response, ControlJsonContext.Default.SubmitTaskResponse)));
            Assert.That(_cli.Stdout, Does.StartWith("{\"ids\":["));
        });
    }

    [Test]
    public async Task Submit_Plain_OneIdPerLine()
    {
        var exitCode = await _cli.RunAsync("submit", "--array", "1-4", "--", "echo", "{}");

        var lines = _cli.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero, _cli.Stderr);
            Assert.That(lines, Has.Length.EqualTo(4));
            Assert.That(lines.Select(l => _cli.Tasks.Get(l)), Is.All.Not.Null);
        });
    }

    [Test]
    public void TaskPages_CursorThatDoesNotMove_FailsInsteadOfLooping()
    {
        var client = new Mock<IControlClient>();
        client.Setup(c => c.Endpoint).Returns("unix:/x");
        client.Setup(c => c.ListTasksAsync(null, It.IsAny<string?>(), It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new TaskListView([], "same"));

        var ex = Assert.ThrowsAsync<ControlClientException>(async () =>
        {
            await foreach (var unused in TaskPages.AllAsync(client.Object, null))
            {
            }
        });

        Assert.That(ex!.Message, Does.Contain("does not advance"));
    }

    private List<string> AddTasks(int count, string state = "succeeded")
    {
        var ids = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var id = _cli.Tasks.NewId();
            var final = state is "succeeded" or "failed" or "cancelled" or "lost";
            _cli.Tasks.Add(new TaskStatusView
            {
                Id = id,
                State = state,
                ExitCode = state == "succeeded" ? 0 : null,
                Origin = TaskCliHarness.SelfId,
                Executor = state == "queued" ? null : TaskCliHarness.PeerId,
                Attempts = state == "queued" ? 0 : 1,
                SubmittedAt = Submitted,
                StartedAt = state == "queued" ? null : Submitted.AddSeconds(1),
                FinishedAt = final ? Submitted.AddSeconds(3) : null,
            });
            ids.Add(id);
        }

        return ids;
    }
}
