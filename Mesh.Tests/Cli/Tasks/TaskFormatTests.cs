using Mesh.Cli.Output;
using Mesh.Cli.Tasks;
using Mesh.Core.Control;

namespace Mesh.Tests.Cli.Tasks;

[TestFixture]
public sealed class TaskFormatTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [TestCase(0.85, "850ms")]
    [TestCase(12, "12s")]
    [TestCase(184, "3m04s")]
    [TestCase(3720, "1h02m")]
    [TestCase(183_600, "2d03h")]
    [TestCase(1e9, "999d01h")]
    [TestCase(-5, "0ms")]
    public void Duration_Span_ShortText(double seconds, string text)
    {
        Assert.That(Units.Duration(TimeSpan.FromSeconds(seconds)), Is.EqualTo(text));
    }

    [Test]
    public void TasksTableRow_WidestValues_Within80Columns()
    {
        var task = new TaskStatusView
        {
            Id = "7zzzzzzzzzzzzzzzzzzzzzzzzz",
            State = "cancelled",
            ExitCode = int.MinValue,
            Origin = "o",
            Executor = "12D3KooWVeryLongPeerIdentifierThatGoesOnAndOn",
            SubmittedAt = Now.AddYears(-40),
            StartedAt = Now.AddYears(-40),
            FinishedAt = Now,
        };

        var row = TasksTable.Row(task, Now);

        Assert.Multiple(() =>
        {
            Assert.That(row.Length, Is.LessThanOrEqualTo(80));
            Assert.That(TasksTable.Width, Is.LessThanOrEqualTo(80));
            Assert.That(row, Does.StartWith("7zzzzzzzzzzzzzzzzzzzzzzzzz cancelled"));
        });
    }

    [Test]
    public void TasksTableRow_QueuedTask_DashesForWhatIsNotKnownYet()
    {
        var task = new TaskStatusView { Id = "01jwnnsvg00000000000000001", State = "queued", Origin = "o", SubmittedAt = Now.AddMinutes(-5) };

        Assert.That(TasksTable.Row(task, Now), Is.EqualTo("01jwnnsvg00000000000000001 queued       - -           5m ago        -"));
    }

    [TestCase("running", null)]
    [TestCase("failed", 0)]
    [TestCase("failed", 300)]
    [TestCase("failed", -1)]
    public void TaskExitFor_NoUsableExitCode_OneAndAMessage(string state, int? exitCode)
    {
        var (code, message) = TaskExit.For(new TaskStatusView { Id = "t", State = state, ExitCode = exitCode, Origin = "o" });

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(1));
            Assert.That(message, Does.StartWith("task t "));
        });
    }
}
