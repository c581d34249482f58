using System.Text.Json;
using Mesh.Core.Control;
using Mesh.Core.Tasks;

namespace Mesh.Tests.Core.Tasks;

[TestFixture]
public sealed class TaskStatusViewTests
{
    [Test]
    public void Json_HasTheDesignFieldsThenTheError()
    {
        var record = new TaskRecord
        {
            Id = new TaskIdGenerator(TimeProvider.System).Next(),
            Spec = new TaskSpec { Argv = ["true"] },
            State = TaskState.Succeeded,
            ExitCode = 0,
            Origin = "12D3KooWOrigin",
            Executor = "12D3KooWExecutor",
            Attempts = 2,
            SubmittedAt = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero),
            StartedAt = new DateTimeOffset(2026, 11, 24, 12, 0, 1, TimeSpan.Zero),
            FinishedAt = new DateTimeOffset(2026, 11, 24, 12, 0, 2, TimeSpan.Zero),
            AttemptId = AttemptId.New(),
            Error = "why, for people",
        };

        var json = JsonSerializer.Serialize(TaskStatusView.From(record), ControlJsonContext.Default.TaskStatusView);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;

        Assert.That(root.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[]
        {
            "id", "state", "exitCode", "origin", "executor", "attempts", "submittedAt", "startedAt", "finishedAt", "error",
        }), "the design's fields in its order, then this node's one extension");
        Assert.That(root.GetProperty("id").GetString(), Is.EqualTo(record.Id.ToString()));
        Assert.That(root.GetProperty("state").GetString(), Is.EqualTo("succeeded"));
        Assert.That(root.GetProperty("exitCode").GetInt32(), Is.Zero);
        Assert.That(root.GetProperty("attempts").GetInt32(), Is.EqualTo(2));
        Assert.That(root.GetProperty("finishedAt").GetDateTimeOffset(), Is.EqualTo(record.FinishedAt));
    }

    [Test]
    public void From_QueuedTask_HasNullsForWhatHasNotHappened()
    {
        var view = TaskStatusView.From(new TaskRecord
        {
            Id = new TaskIdGenerator(TimeProvider.System).Next(),
            Spec = new TaskSpec { Argv = ["true"] },
            State = TaskState.Queued,
            Origin = "12D3KooWOrigin",
            SubmittedAt = DateTimeOffset.UnixEpoch,
        });

        Assert.That(view.State, Is.EqualTo("queued"));
        Assert.That(view.ExitCode, Is.Null);
        Assert.That(view.Executor, Is.Null);
        Assert.That(view.StartedAt, Is.Null);
        Assert.That(view.FinishedAt, Is.Null);
        var json = JsonSerializer.Serialize(view, ControlJsonContext.Default.TaskStatusView);
        Assert.That(json, Does.Contain("\"executor\":null"), "the fields are always present");
    }
}
