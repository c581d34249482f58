using Mesh.Core.Tasks;
using Mesh.Core.Tasks.Wire;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mesh.Tests.Core.Tasks;

/// <summary>The signed compute record kept with a pending result (schema 2), and rows from schema 1 without one.</summary>
public sealed class ExecutorResultStoreJournalTests
{
    private static readonly TaskResult Result = new() { Reason = TaskEndReason.Exited, ExitCode = 0 };

    private TaskStoreHarness _harness = null!;

    [SetUp]
    public void SetUp() => _harness = new TaskStoreHarness();

    [TearDown]
    public void TearDown() => _harness.Dispose();

    [Test]
    public void Put_WithJournal_PendingForReturnsTheSameBytesAfterReopen()
    {
        var task = _harness.Store.Submit(TaskStoreHarness.Origin, new TaskSpec { Argv = ["true"] }).Id;
        var attempt = AttemptId.New();
        var journal = new RunResultJournal(new byte[] { 1, 2, 3, 4 }, Enumerable.Range(0, 64).Select(i => (byte)i).ToArray());

        _harness.Results.Put(task, attempt, TaskStoreHarness.Origin, Result, journal);
        _harness.Reopen();
        var pending = _harness.Results.PendingFor(TaskStoreHarness.Origin).Single();

        Assert.That(pending.Journal!.Record.ToArray(), Is.EqualTo(journal.Record.ToArray()));
        Assert.That(pending.Journal.ExecutorSignature.ToArray(), Is.EqualTo(journal.ExecutorSignature.ToArray()));
    }

    [Test]
    public void Put_WithoutJournal_PendingForHasNone()
    {
        _harness.Results.Put(_harness.Store.Submit(TaskStoreHarness.Origin, new TaskSpec { Argv = ["true"] }).Id, AttemptId.New(), TaskStoreHarness.Origin, Result);

        Assert.That(_harness.Results.PendingFor(TaskStoreHarness.Origin).Single().Journal, Is.Null);
    }

    [Test]
    public void Open_SchemaOneWithAPendingResult_MigratesAndStillDeliversItWithoutARecord()
    {
        var path = Path.Combine(_harness.Directory, "old.db");
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var create = connection.CreateCommand();
            create.CommandText = "CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version (version) VALUES (1);"
                + TaskDatabaseSchema.Migrations[0]
                + "INSERT INTO executor_results (task_id, attempt_id, origin, result, stored_at) VALUES ('01hf7yat00abcdefghjkmnpqrs', '0000000000001', 'o', '{}', 5);";
            create.ExecuteNonQuery();
        }

        using var database = TaskDatabase.Open(new TaskStoreOptions { DatabasePath = path }, NullLogger.Instance);
        var pending = new ExecutorResultStore(database, _harness.Time).PendingFor("o").Single();

        Assert.That(pending.Journal, Is.Null);
        Assert.That(pending.Attempt, Is.EqualTo(AttemptId.Parse("0000000000001")));
        Assert.That(TaskDatabase.CurrentSchemaVersion, Is.EqualTo(2));
    }
}
