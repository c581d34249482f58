using System.Text;
using Mesh.Core.Tasks;

namespace Mesh.Tests.Core.Tasks;

[TestFixture]
[CancelAfter(10_000)]
public sealed class TaskOutputTests
{
    private TaskStoreHarness _harness = null!;

    private TaskStore Store => _harness.Store;

    [SetUp]
    public void SetUp() => _harness = new TaskStoreHarness(options => options.MaxOutputBytesPerAttempt = 1024);

    [TearDown]
    public void TearDown() => _harness.Dispose();

    [Test]
    public void AppendOutput_InOrder_ReadsBackInArrivalOrderAcrossStreams()
    {
        var (task, attempt) = StartOne();

        Assert.That(Append(task, attempt, OutputStreamKind.Stdout, 0, "one "), Is.EqualTo(new OutputAppendResult(OutputAppendOutcome.Appended, 4)));
        Assert.That(Append(task, attempt, OutputStreamKind.Stderr, 0, "oops"), Is.EqualTo(new OutputAppendResult(OutputAppendOutcome.Appended, 4)));
        Assert.That(Append(task, attempt, OutputStreamKind.Stdout, 4, "two"), Is.EqualTo(new OutputAppendResult(OutputAppendOutcome.Appended, 7)));

        var chunks = Store.ReadOutput(task);
        Assert.That(chunks.Select(c => (c.Stream, c.Offset, Encoding.UTF8.GetString(c.Data))), Is.EqualTo(new[]
        {
            (OutputStreamKind.Stdout, 0L, "one "), (OutputStreamKind.Stderr, 0L, "oops"), (OutputStreamKind.Stdout, 4L, "two"),
        }));
        Assert.That(chunks.Select(c => c.Sequence), Is.Ordered.Ascending);
        Assert.That(chunks.All(c => c.Attempt == attempt), Is.True);
    }

    [Test]
    public void ReadOutput_AfterASequence_FollowsOnlyWhatIsNew()
    {
        var (task, attempt) = StartOne();
        Append(task, attempt, OutputStreamKind.Stdout, 0, "a");
        var first = Store.ReadOutput(task);
        Append(task, attempt, OutputStreamKind.Stdout, 1, "b");
        Append(task, attempt, OutputStreamKind.Stdout, 2, "c");

        var next = Store.ReadOutput(task, first[^1].Sequence, maxChunks: 1);
        Assert.That(Encoding.UTF8.GetString(next.Single().Data), Is.EqualTo("b"));
        var rest = Store.ReadOutput(task, next[^1].Sequence);
        Assert.That(Encoding.UTF8.GetString(rest.Single().Data), Is.EqualTo("c"));
        Assert.That(Store.ReadOutput(task, rest[^1].Sequence), Is.Empty);
    }

    [Test]
    public void AppendOutput_ResendAndOverlap_StoreEachByteOnce()
    {
        var (task, attempt) = StartOne();
        Append(task, attempt, OutputStreamKind.Stdout, 0, "hello");

        Assert.That(Append(task, attempt, OutputStreamKind.Stdout, 0, "hello").Outcome, Is.EqualTo(OutputAppendOutcome.Duplicate));
        Assert.That(Append(task, attempt, OutputStreamKind.Stdout, 3, "lo world"), Is.EqualTo(new OutputAppendResult(OutputAppendOutcome.Appended, 11)));

        Assert.That(Text(task), Is.EqualTo("hello world"));
    }

    [Test]
    public void AppendOutput_Gap_IsRefusedWithTheOffsetToResendFrom()
    {
        var (task, attempt) = StartOne();
        Append(task, attempt, OutputStreamKind.Stdout, 0, "abc");

        Assert.That(Append(task, attempt, OutputStreamKind.Stdout, 10, "xyz"), Is.EqualTo(new OutputAppendResult(OutputAppendOutcome.Gap, 3)));
        Assert.That(Text(task), Is.EqualTo("abc"));
    }

    [Test]
    public void AppendOutput_StaleAttemptOrUnknownTask_IsRefused()
    {
        var (task, _) = StartOne();
        Assert.That(Append(task, AttemptId.New(), OutputStreamKind.Stdout, 0, "x").Outcome, Is.EqualTo(OutputAppendOutcome.StaleAttempt));
        Assert.That(Append(new TaskIdGenerator(TimeProvider.System).Next(), AttemptId.New(), OutputStreamKind.Stdout, 0, "x").Outcome, Is.EqualTo(OutputAppendOutcome.NotFound));
        Assert.That(Store.ReadOutput(task), Is.Empty);
        Assert.Throws<ArgumentOutOfRangeException>(() => Append(task, AttemptId.New(), OutputStreamKind.Notice, 0, "x"));
    }

    [Test]
    public void AppendOutput_PastTheCap_IsCutWithAMarkerAndTheRestDropped()
    {
        var (task, attempt) = StartOne();
        Assert.That(Append(task, attempt, OutputStreamKind.Stdout, 0, new string('a', 1000)).Outcome, Is.EqualTo(OutputAppendOutcome.Appended));

        Assert.That(Append(task, attempt, OutputStreamKind.Stderr, 0, new string('b', 100)), Is.EqualTo(new OutputAppendResult(OutputAppendOutcome.Truncated, 100)));
        Assert.That(Append(task, attempt, OutputStreamKind.Stdout, 1000, "more"), Is.EqualTo(new OutputAppendResult(OutputAppendOutcome.Truncated, 1004)));

        var chunks = Store.ReadOutput(task);
        Assert.That(chunks.Where(c => c.Stream != OutputStreamKind.Notice).Sum(c => c.Data.Length), Is.EqualTo(1024));
        Assert.That(chunks[^1].Stream, Is.EqualTo(OutputStreamKind.Notice));
        Assert.That(Encoding.UTF8.GetString(chunks[^1].Data), Does.Contain("output cut"));
        Assert.That(chunks.Count(c => c.Stream == OutputStreamKind.Notice), Is.EqualTo(1));
    }

    [Test]
    public void AppendOutput_NewAttempt_StartsAFreshCapAndItsOwnOffsets()
    {
        var task = Store.Submit(TaskStoreHarness.Origin, new TaskSpec { Argv = ["true"], MaxRetries = 1 }).Id;
        var first = AttemptId.New();
        Store.TryStartAttempt(task, first, TaskStoreHarness.Executor, TaskStoreHarness.Start);
        Append(task, first, OutputStreamKind.Stdout, 0, new string('a', 2000));
        Store.Requeue(task, first, "lease expired");
        var second = AttemptId.New();
        Store.TryStartAttempt(task, second, TaskStoreHarness.Executor, TaskStoreHarness.Start);

        Assert.That(Append(task, first, OutputStreamKind.Stdout, 2000, "late").Outcome, Is.EqualTo(OutputAppendOutcome.StaleAttempt));
        Assert.That(Append(task, second, OutputStreamKind.Stdout, 0, "again"), Is.EqualTo(new OutputAppendResult(OutputAppendOutcome.Appended, 5)));
        Assert.That(Store.ReadOutput(task)[^1].Attempt, Is.EqualTo(second));
    }

    [Test]
    public void AppendOutput_AfterTheResult_IsStillTakenFromThatAttempt()
    {
        var (task, attempt) = StartOne();
        Store.TryComplete(task, attempt, new TaskResult { ExitCode = 0 });
        Assert.That(Append(task, attempt, OutputStreamKind.Stdout, 0, "tail").Outcome, Is.EqualTo(OutputAppendOutcome.Appended));
    }

    private (TaskId Task, AttemptId Attempt) StartOne()
    {
        var task = Store.Submit(TaskStoreHarness.Origin, new TaskSpec { Argv = ["true"] }).Id;
        var attempt = AttemptId.New();
        Assert.That(Store.TryStartAttempt(task, attempt, TaskStoreHarness.Executor, TaskStoreHarness.Start.AddSeconds(30)), Is.True);
        return (task, attempt);
    }

    private OutputAppendResult Append(TaskId task, AttemptId attempt, OutputStreamKind stream, long offset, string text) =>
        Store.AppendOutput(task, attempt, stream, offset, Encoding.UTF8.GetBytes(text));

    private string Text(TaskId task) => string.Concat(Store.ReadOutput(task).Select(c => Encoding.UTF8.GetString(c.Data)));
}
