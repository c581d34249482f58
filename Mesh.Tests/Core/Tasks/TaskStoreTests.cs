using Mesh.Core.Resources;
using Mesh.Core.Tasks;

namespace Mesh.Tests.Core.Tasks;

[TestFixture]
[CancelAfter(10_000)]
public sealed class TaskStoreTests
{
    private TaskStoreHarness _harness = null!;

    private TaskStore Store => _harness.Store;

    [SetUp]
    public void SetUp() => _harness = new TaskStoreHarness();

    [TearDown]
    public void TearDown() => _harness.Dispose();

    [Test]
    public void Submit_ThenGet_ReturnsTheWholeSpecQueued()
    {
        var spec = new TaskSpec
        {
            Argv = ["echo", "héllo"],
            Environment = new Dictionary<string, string> { ["A"] = "1" },
            Inputs = [new TaskInputFile("in.txt", new string('a', 64), 3)],
            Outputs = ["*.out"],
            Resources = new ResourceVector(1.5, 1L << 30, 0, 1),
            Timeout = TimeSpan.FromMinutes(5),
            MaxRetries = 2,
            Placement = new TaskPlacement(PlacementKind.RemoteOnly, null, new TaskRequirements(0, "A100")),
            ArrayIndex = 4,
        };

        var submitted = Store.Submit(TaskStoreHarness.Origin, spec);
        var read = Store.Get(submitted.Id);

        Assert.That(read, Is.Not.Null);
        Assert.That(read!.State, Is.EqualTo(TaskState.Queued));
        Assert.That(read.Origin, Is.EqualTo(TaskStoreHarness.Origin));
        Assert.That(read.SubmittedAt, Is.EqualTo(TaskStoreHarness.Start));
        Assert.That(read.Attempts, Is.Zero);
        Assert.That(read.Spec.Argv, Is.EqualTo(spec.Argv));
        Assert.That(read.Spec.Environment, Is.EqualTo(spec.Environment));
        Assert.That(read.Spec.Inputs, Is.EqualTo(spec.Inputs));
        Assert.That(read.Spec.Outputs, Is.EqualTo(spec.Outputs));
        Assert.That(read.Spec with { Argv = spec.Argv, Environment = spec.Environment, Inputs = spec.Inputs, Outputs = spec.Outputs }, Is.EqualTo(spec));
    }

    [Test]
    public void Get_UnknownId_IsNull()
    {
        Assert.That(Store.Get(new TaskIdGenerator(TimeProvider.System).Next()), Is.Null);
    }

    [Test]
    public void SubmitMany_TenThousand_AllStoredInOrder()
    {
        var specs = Enumerable.Range(0, 10_000).Select(i => new TaskSpec { Argv = ["echo", i.ToString(System.Globalization.CultureInfo.InvariantCulture)] }).ToArray();

        var records = Store.SubmitMany(TaskStoreHarness.Origin, specs);

        Assert.That(records, Has.Count.EqualTo(10_000));
        Assert.That(records.Select(r => r.Id), Is.Ordered.Ascending);
        Assert.That(Store.CountByState()[TaskState.Queued], Is.EqualTo(10_000));
        var last = Store.Get(records[^1].Id);
        Assert.That(last!.Spec.Argv[1], Is.EqualTo("9999"));
    }

    [Test]
    public void List_PagesByIdAndFiltersByState()
    {
        var records = Store.SubmitMany(TaskStoreHarness.Origin, Enumerable.Range(0, 25).Select(_ => new TaskSpec { Argv = ["true"] }).ToArray());
        Assert.That(Store.TryStartAttempt(records[3].Id, AttemptId.New(), TaskStoreHarness.Executor, TaskStoreHarness.Start.AddMinutes(1)), Is.True);

        var seen = new List<TaskId>();
        TaskId? after = null;
        while (true)
        {
            var page = Store.List(new TaskListQuery(After: after, Limit: 10));
            if (page.Count == 0)
            {
                break;
            }

            seen.AddRange(page.Select(r => r.Id));
            after = page[^1].Id;
        }

        Assert.That(seen, Is.EqualTo(records.Select(r => r.Id)));
        var running = Store.List(new TaskListQuery(TaskState.Running));
        Assert.That(running.Select(r => r.Id), Is.EqualTo(new[] { records[3].Id }));
        Assert.That(Store.List(new TaskListQuery(TaskState.Queued, Limit: 1000)), Has.Count.EqualTo(24));
        Assert.That(Store.ListQueued(null, 5).Select(s => s.Id), Is.EqualTo(records.Take(6).Where((_, i) => i != 3).Select(r => r.Id).Take(5)));
    }

    [Test]
    public void TryStartAttempt_OnlyFromQueued()
    {
        var task = Store.Submit(TaskStoreHarness.Origin, new TaskSpec { Argv = ["true"] });
        var first = AttemptId.New();
        _harness.Time.Advance(TimeSpan.FromSeconds(3));

        Assert.That(Store.TryStartAttempt(task.Id, first, TaskStoreHarness.Executor, TaskStoreHarness.Start.AddSeconds(30)), Is.True);
        Assert.That(Store.TryStartAttempt(task.Id, AttemptId.New(), "12D3KooWThief", TaskStoreHarness.Start.AddSeconds(30)), Is.False, "no second start while running");

        var record = Store.Get(task.Id)!;
        Assert.That(record.State, Is.EqualTo(TaskState.Running));
        Assert.That(record.Executor, Is.EqualTo(TaskStoreHarness.Executor));
        Assert.That(record.AttemptId, Is.EqualTo(first));
        Assert.That(record.Attempts, Is.EqualTo(1));
        Assert.That(record.StartedAt, Is.EqualTo(TaskStoreHarness.Start.AddSeconds(3)));
        Assert.That(record.LeaseUntil, Is.EqualTo(TaskStoreHarness.Start.AddSeconds(30)));
    }

    [Test]
    public void TryComplete_CurrentAttempt_IsAcceptedOnceAndFinalizes()
    {
        var (task, attempt) = StartOne();
        _harness.Time.Advance(TimeSpan.FromSeconds(9));
        var result = new TaskResult
        {
            ExitCode = 3,
            Usage = new TaskUsage(TimeSpan.FromSeconds(9), TimeSpan.FromSeconds(2), 1 << 20),
            Outputs = [new TaskOutputFile("a.out", new string('b', 64), 12)],
        };

        Assert.That(Store.TryComplete(task, attempt, result), Is.EqualTo(CompletionOutcome.Accepted));
        Assert.That(Store.TryComplete(task, attempt, new TaskResult { ExitCode = 0 }), Is.EqualTo(CompletionOutcome.Duplicate));

        var record = Store.Get(task)!;
        Assert.That(record.State, Is.EqualTo(TaskState.Failed));
        Assert.That(record.ExitCode, Is.EqualTo(3));
        Assert.That(record.Error, Is.EqualTo("exited with code 3"));
        Assert.That(record.FinishedAt, Is.EqualTo(TaskStoreHarness.Start.AddSeconds(9)));
        Assert.That(record.LeaseUntil, Is.Null);
        var stored = Store.GetResult(task)!;
        Assert.That(stored.ExitCode, Is.EqualTo(3));
        Assert.That(stored.Outputs, Is.EqualTo(result.Outputs));
        Assert.That(stored.Usage, Is.EqualTo(result.Usage));
    }

    [Test]
    public void TryComplete_ExitZero_Succeeds()
    {
        var (task, attempt) = StartOne();
        Assert.That(Store.TryComplete(task, attempt, new TaskResult { ExitCode = 0 }), Is.EqualTo(CompletionOutcome.Accepted));
        Assert.That(Store.Get(task)!.State, Is.EqualTo(TaskState.Succeeded));
        Assert.That(Store.Get(task)!.Error, Is.Null);
    }

    [Test]
    public void TryComplete_StaleAttemptOrUnknownTask_IsRefused()
    {
        var (task, _) = StartOne();
        Assert.That(Store.TryComplete(task, AttemptId.New(), new TaskResult { ExitCode = 0 }), Is.EqualTo(CompletionOutcome.Duplicate));
        Assert.That(Store.Get(task)!.State, Is.EqualTo(TaskState.Running));
        Assert.That(Store.TryComplete(new TaskIdGenerator(TimeProvider.System).Next(), AttemptId.New(), new TaskResult()), Is.EqualTo(CompletionOutcome.NotFound));
    }

    [Test]
    public void TryComplete_QueuedTask_IsRefused()
    {
        var task = Store.Submit(TaskStoreHarness.Origin, new TaskSpec { Argv = ["true"] });
        Assert.That(Store.TryComplete(task.Id, AttemptId.New(), new TaskResult { ExitCode = 0 }), Is.EqualTo(CompletionOutcome.Duplicate));
        Assert.That(Store.Get(task.Id)!.State, Is.EqualTo(TaskState.Queued));
    }

    [Test]
    public void TryComplete_ManyThreadsDifferentAttempts_ExactlyOneWins()
    {
        for (var round = 0; round < 5; round++)
        {
            var task = Store.Submit(TaskStoreHarness.Origin, new TaskSpec { Argv = ["true"] }).Id;
            var attempts = Enumerable.Range(0, 16).Select(_ => AttemptId.New()).ToArray();
            using var barrier = new Barrier(attempts.Length + 1);
            var outcomes = new CompletionOutcome[attempts.Length];
            var started = new bool[attempts.Length];
            var threads = attempts.Select((attempt, i) => new Thread(() =>
            {
                barrier.SignalAndWait();
                started[i] = Store.TryStartAttempt(task, attempt, $"12D3KooWExec{i}", TaskStoreHarness.Start.AddMinutes(1));
                outcomes[i] = Store.TryComplete(task, attempt, new TaskResult { ExitCode = i });
            })).ToArray();
            foreach (var thread in threads)
            {
                thread.Start();
            }

            barrier.SignalAndWait();
            foreach (var thread in threads)
            {
                thread.Join();
            }

            Assert.That(started.Count(s => s), Is.EqualTo(1), "one start wins");
            Assert.That(outcomes.Count(o => o == CompletionOutcome.Accepted), Is.EqualTo(1), "one result wins");
            var winner = Array.IndexOf(outcomes, CompletionOutcome.Accepted);
            Assert.That(started[winner], Is.True, "the winner is the attempt that started");
            Assert.That(Store.Get(task)!.ExitCode, Is.EqualTo(winner));
        }
    }

    [Test]
    public void TryComplete_ManyThreadsSameRunningTask_ExactlyOneWins()
    {
        var (task, attempt) = StartOne();
        var outcomes = new CompletionOutcome[32];
        Parallel.For(0, outcomes.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            // Half the callers resend the real attempt's result; the other half name attempts that never ran.
            outcomes[i] = Store.TryComplete(task, i % 2 == 0 ? attempt : AttemptId.New(), new TaskResult { ExitCode = i });
        });

        Assert.That(outcomes.Count(o => o == CompletionOutcome.Accepted), Is.EqualTo(1));
        Assert.That(outcomes.Count(o => o == CompletionOutcome.Duplicate), Is.EqualTo(31));
        Assert.That(Store.Get(task)!.ExitCode! % 2, Is.Zero, "the winner carried the real attempt id");
    }

    [Test]
    public void TryRenewLease_OnlyTheCurrentAttempt()
    {
        var (task, attempt) = StartOne();
        var later = TaskStoreHarness.Start.AddMinutes(5);

        Assert.That(Store.TryRenewLease(task, AttemptId.New(), later), Is.False);
        Assert.That(Store.TryRenewLease(task, attempt, later), Is.True);
        Assert.That(Store.Get(task)!.LeaseUntil, Is.EqualTo(later));

        Store.TryComplete(task, attempt, new TaskResult { ExitCode = 0 });
        Assert.That(Store.TryRenewLease(task, attempt, later.AddMinutes(1)), Is.False, "no renewal after the end");
    }

    [Test]
    public void RequeueExpired_LeaseRunsOut_TaskIsQueuedAgainAndOldAttemptIsStale()
    {
        var task = Store.Submit(TaskStoreHarness.Origin, new TaskSpec { Argv = ["true"], MaxRetries = 1 }).Id;
        var first = AttemptId.New();
        Store.TryStartAttempt(task, first, TaskStoreHarness.Executor, TaskStoreHarness.Start.AddSeconds(10));

        Assert.That(Store.ExpiredLeases(TaskStoreHarness.Start.AddSeconds(9)), Is.Empty);
        var expired = Store.RequeueExpired(TaskStoreHarness.Start.AddSeconds(10));

        Assert.That(expired, Has.Count.EqualTo(1));
        Assert.That(expired[0].Outcome, Is.EqualTo(RequeueOutcome.Requeued));
        Assert.That(expired[0].Lease.Executor, Is.EqualTo(TaskStoreHarness.Executor));
        var record = Store.Get(task)!;
        Assert.That(record.State, Is.EqualTo(TaskState.Queued));
        Assert.That(record.AttemptId, Is.Null);
        Assert.That(record.Error, Does.Contain("expired"));
        Assert.That(Store.TryComplete(task, first, new TaskResult { ExitCode = 0 }), Is.EqualTo(CompletionOutcome.Duplicate), "the vanished executor's late result");
        Assert.That(Store.TryRenewLease(task, first, TaskStoreHarness.Start.AddMinutes(1)), Is.False);

        var second = AttemptId.New();
        Assert.That(Store.TryStartAttempt(task, second, "12D3KooWOther", TaskStoreHarness.Start.AddSeconds(40)), Is.True);
        Assert.That(Store.Requeue(task, first, "late"), Is.EqualTo(RequeueOutcome.NotRunning), "a stale requeue cannot undo the new attempt");
        Assert.That(Store.Get(task)!.Attempts, Is.EqualTo(2));
        Assert.That(Store.TryComplete(task, second, new TaskResult { ExitCode = 0 }), Is.EqualTo(CompletionOutcome.Accepted));
    }

    [Test]
    public void Requeue_NoRetriesLeft_TaskIsLost()
    {
        var task = Store.Submit(TaskStoreHarness.Origin, new TaskSpec { Argv = ["true"], MaxRetries = 1 }).Id;
        var first = AttemptId.New();
        Store.TryStartAttempt(task, first, TaskStoreHarness.Executor, TaskStoreHarness.Start);
        Assert.That(Store.Requeue(task, first, "executor gone"), Is.EqualTo(RequeueOutcome.Requeued));
        var second = AttemptId.New();
        Store.TryStartAttempt(task, second, TaskStoreHarness.Executor, TaskStoreHarness.Start);

        Assert.That(Store.Requeue(task, second, "executor gone again"), Is.EqualTo(RequeueOutcome.Lost));

        var record = Store.Get(task)!;
        Assert.That(record.State, Is.EqualTo(TaskState.Lost));
        Assert.That(record.Error, Is.EqualTo("executor gone again"));
        Assert.That(record.FinishedAt, Is.Not.Null);
        Assert.That(Store.TryStartAttempt(task, AttemptId.New(), TaskStoreHarness.Executor, TaskStoreHarness.Start), Is.False);
    }

    [Test]
    public void Cancel_RunningTask_NamesTheAttemptToStopAndRefusesItsResult()
    {
        var (task, attempt) = StartOne();

        var cancel = Store.Cancel(task, "cancelled by mesh cancel");

        Assert.That(cancel, Is.EqualTo(new CancelResult(CancelOutcome.Cancelled, TaskStoreHarness.Executor, attempt)));
        Assert.That(Store.Get(task)!.State, Is.EqualTo(TaskState.Cancelled));
        Assert.That(Store.TryComplete(task, attempt, new TaskResult { Reason = TaskEndReason.Cancelled }), Is.EqualTo(CompletionOutcome.Duplicate));
        Assert.That(Store.Cancel(task).Outcome, Is.EqualTo(CancelOutcome.AlreadyFinished));
        Assert.That(Store.Cancel(new TaskIdGenerator(TimeProvider.System).Next()).Outcome, Is.EqualTo(CancelOutcome.NotFound));
    }

    [Test]
    public void Cancel_QueuedTask_NeverStarts()
    {
        var task = Store.Submit(TaskStoreHarness.Origin, new TaskSpec { Argv = ["true"] }).Id;
        Assert.That(Store.Cancel(task), Is.EqualTo(new CancelResult(CancelOutcome.Cancelled)));
        Assert.That(Store.TryStartAttempt(task, AttemptId.New(), TaskStoreHarness.Executor, TaskStoreHarness.Start), Is.False);
    }

    [Test]
    public void Reads_WhileWritersRun_SeeOnlyCommittedStatesAndNeverFail()
    {
        var batches = 0;
        var writer = Task.Run(() =>
        {
            for (var i = 0; i < 20; i++)
            {
                Store.SubmitMany(TaskStoreHarness.Origin, Enumerable.Range(0, 100).Select(_ => new TaskSpec { Argv = ["true"] }).ToArray());
                Interlocked.Increment(ref batches);
            }
        });
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            while (!writer.IsCompleted)
            {
                // A batch is one transaction: a reader sees whole batches only.
                var count = Store.CountByState().GetValueOrDefault(TaskState.Queued);
                Assert.That(count % 100, Is.Zero);
                Store.List(new TaskListQuery(TaskState.Queued, Limit: 50));
            }
        })).ToArray();

        Assert.DoesNotThrowAsync(async () => await Task.WhenAll([writer, .. readers]));
        Assert.That(Store.CountByState()[TaskState.Queued], Is.EqualTo(2000));
        Assert.That(batches, Is.EqualTo(20));
    }

    private (TaskId Task, AttemptId Attempt) StartOne()
    {
        var task = Store.Submit(TaskStoreHarness.Origin, new TaskSpec { Argv = ["true"] }).Id;
        var attempt = AttemptId.New();
        Assert.That(Store.TryStartAttempt(task, attempt, TaskStoreHarness.Executor, TaskStoreHarness.Start.AddSeconds(30)), Is.True);
        return (task, attempt);
    }
}
