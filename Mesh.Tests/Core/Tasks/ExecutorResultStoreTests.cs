using Mesh.Core.Tasks;

namespace Mesh.Tests.Core.Tasks;

[TestFixture]
[CancelAfter(10_000)]
public sealed class ExecutorResultStoreTests
{
    private const string OriginA = "12D3KooWOriginA";
    private const string OriginB = "12D3KooWOriginB";

    private TaskStoreHarness _harness = null!;

    [SetUp]
    public void SetUp() => _harness = new TaskStoreHarness();

    [TearDown]
    public void TearDown() => _harness.Dispose();

    [Test]
    public void Put_ThenPendingFor_ListsOnlyThatOriginsResults()
    {
        var ids = new TaskIdGenerator(_harness.Time);
        var (a1, a2, b1) = (ids.Next(), ids.Next(), ids.Next());
        var attempt = AttemptId.New();
        _harness.Results.Put(a1, attempt, OriginA, new TaskResult { ExitCode = 1, Outputs = [new TaskOutputFile("o", new string('c', 64), 1)] });
        _harness.Time.Advance(TimeSpan.FromSeconds(1));
        _harness.Results.Put(a2, attempt, OriginA, new TaskResult { Reason = TaskEndReason.Signaled, Signal = 9 });
        _harness.Results.Put(b1, attempt, OriginB, new TaskResult { ExitCode = 0 });

        var pending = _harness.Results.PendingFor(OriginA);

        Assert.That(pending.Select(p => p.TaskId), Is.EqualTo(new[] { a1, a2 }));
        Assert.That(pending[0].Result.Outputs.Single().Name, Is.EqualTo("o"));
        Assert.That(pending[1].Result.Signal, Is.EqualTo(9));
        Assert.That(pending[1].StoredAt, Is.EqualTo(TaskStoreHarness.Start.AddSeconds(1)));
    }

    [Test]
    public void Put_SameAttemptTwice_KeepsTheFirst()
    {
        var task = new TaskIdGenerator(_harness.Time).Next();
        var attempt = AttemptId.New();
        Assert.That(_harness.Results.Put(task, attempt, OriginA, new TaskResult { ExitCode = 1 }), Is.True);
        Assert.That(_harness.Results.Put(task, attempt, OriginA, new TaskResult { ExitCode = 2 }), Is.False);
        Assert.That(_harness.Results.PendingFor(OriginA).Single().Result.ExitCode, Is.EqualTo(1));
    }

    [Test]
    public void Acknowledge_RemovesOnlyThatResult_AndSurvivesReopen()
    {
        var ids = new TaskIdGenerator(_harness.Time);
        var (first, second) = (ids.Next(), ids.Next());
        var attempt = AttemptId.New();
        _harness.Results.Put(first, attempt, OriginA, new TaskResult { ExitCode = 0 });
        _harness.Results.Put(second, attempt, OriginA, new TaskResult { ExitCode = 0 });

        Assert.That(_harness.Results.Acknowledge(first, attempt), Is.True);
        Assert.That(_harness.Results.Acknowledge(first, attempt), Is.False);
        Assert.That(_harness.Results.Acknowledge(second, AttemptId.New()), Is.False, "another attempt's ack does not drop it");
        _harness.Reopen();

        Assert.That(_harness.Results.PendingFor(OriginA).Select(p => p.TaskId), Is.EqualTo(new[] { second }));
    }
}
