using Mesh.Core.Tasks;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mesh.Tests.Core.Tasks;

[TestFixture]
[CancelAfter(10_000)]
public sealed class TaskStoreDurabilityTests
{
    private TaskStoreHarness _harness = null!;

    [SetUp]
    public void SetUp() => _harness = new TaskStoreHarness();

    [TearDown]
    public void TearDown() => _harness.Dispose();

    [Test]
    public void Reopen_AfterEveryKindOfWrite_LosesNothing()
    {
        var store = _harness.Store;
        var queued = store.Submit(TaskStoreHarness.Origin, new TaskSpec { Argv = ["sleep", "1"] }).Id;
        var finished = store.Submit(TaskStoreHarness.Origin, new TaskSpec { Argv = ["true"] }).Id;
        var attempt = AttemptId.New();
        store.TryStartAttempt(finished, attempt, TaskStoreHarness.Executor, TaskStoreHarness.Start.AddMinutes(1));
        store.AppendOutput(finished, attempt, OutputStreamKind.Stdout, 0, "hello\n"u8.ToArray());
        store.TryComplete(finished, attempt, new TaskResult { ExitCode = 0 });
        _harness.Results.Put(queued, attempt, "12D3KooWElsewhere", new TaskResult { ExitCode = 7 });

        for (var cycle = 0; cycle < 3; cycle++)
        {
            _harness.Reopen();
        }

        Assert.That(_harness.Store.Get(queued)!.State, Is.EqualTo(TaskState.Queued));
        Assert.That(_harness.Store.Get(finished)!.State, Is.EqualTo(TaskState.Succeeded));
        Assert.That(_harness.Store.GetResult(finished)!.ExitCode, Is.Zero);
        Assert.That(_harness.Store.ReadOutput(finished).Single().Data, Is.EqualTo("hello\n"u8.ToArray()));
        Assert.That(_harness.Results.PendingFor("12D3KooWElsewhere").Single().Result.ExitCode, Is.EqualTo(7));
    }

    [Test]
    public void Open_CopyTakenWhileOpen_HasEveryCommittedWrite()
    {
        // What a crash leaves: the files as they are on disk while the node still holds them open (no clean close,
        // no checkpoint: committed transactions are only in the WAL).
        var ids = _harness.Store.SubmitMany(TaskStoreHarness.Origin, Enumerable.Range(0, 100).Select(_ => new TaskSpec { Argv = ["true"] }).ToArray());
        var attempt = AttemptId.New();
        _harness.Store.TryStartAttempt(ids[0].Id, attempt, TaskStoreHarness.Executor, TaskStoreHarness.Start.AddMinutes(1));
        _harness.Store.TryComplete(ids[0].Id, attempt, new TaskResult { ExitCode = 4 });
        var crashed = Path.Combine(_harness.Directory, "crashed");
        Directory.CreateDirectory(crashed);
        foreach (var suffix in new[] { "", "-wal" })
        {
            var source = _harness.DatabasePath + suffix;
            if (File.Exists(source))
            {
                using var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                using var output = File.Create(Path.Combine(crashed, TaskStoreOptions.FileName + suffix));
                input.CopyTo(output);
            }
        }

        Assert.That(File.Exists(Path.Combine(crashed, "tasks.db-wal")), Is.True, "the writes were still only in the WAL");
        using var reopened = TaskDatabase.Open(_harness.Options(Path.Combine(crashed, TaskStoreOptions.FileName)), NullLogger.Instance);
        var store = new TaskStore(reopened, _harness.Time, NullLogger.Instance);

        Assert.That(store.CountByState()[TaskState.Queued], Is.EqualTo(99));
        Assert.That(store.Get(ids[0].Id)!.State, Is.EqualTo(TaskState.Failed));
        Assert.That(store.GetResult(ids[0].Id)!.ExitCode, Is.EqualTo(4));
    }

    [Test]
    public void Open_NewerSchema_IsRefusedAndTheFileIsUntouched()
    {
        _harness.Database.Dispose();
        SetVersion(_harness.DatabasePath, 99);

        var error = Assert.Throws<TaskStoreException>(() => TaskDatabase.Open(_harness.Options(), NullLogger.Instance));

        Assert.That(error!.Message, Does.Contain(_harness.DatabasePath));
        Assert.That(error.Message, Does.Contain($"schema version 99, newer than the {TaskDatabase.CurrentSchemaVersion}"));
        Assert.That(GetVersion(_harness.DatabasePath), Is.EqualTo(99));
        SetVersion(_harness.DatabasePath, TaskDatabase.CurrentSchemaVersion);
        _harness.Reopen();
    }

    [Test]
    public void Open_GarbageFile_IsRefusedNamingThePathAndKeptAsItIs()
    {
        _harness.Database.Dispose();
        var garbage = new byte[8192];
        new Random(1552).NextBytes(garbage);
        File.WriteAllBytes(_harness.DatabasePath, garbage);
        File.Delete(_harness.DatabasePath + "-wal");

        var error = Assert.Throws<TaskStoreException>(() => TaskDatabase.Open(_harness.Options(), NullLogger.Instance));

        Assert.That(error!.Message, Does.Contain(_harness.DatabasePath));
        Assert.That(error.Message, Does.Contain("left as it is"));
        Assert.That(File.ReadAllBytes(_harness.DatabasePath), Is.EqualTo(garbage));
        File.Delete(_harness.DatabasePath);
        _harness.Reopen();
    }

    [Test]
    public void Open_DamagedPages_AreReportedNamingThePath()
    {
        _harness.Store.SubmitMany(TaskStoreHarness.Origin, Enumerable.Range(0, 500).Select(_ => new TaskSpec { Argv = ["true", new string('x', 200)] }).ToArray());
        _harness.Database.Dispose();
        var bytes = File.ReadAllBytes(_harness.DatabasePath);
        Assert.That(bytes, Has.Length.GreaterThan(16 * 4096), "the test needs a database of many pages");
        var noise = new byte[bytes.Length - (4 * 4096)];
        new Random(1553).NextBytes(noise);
        noise.CopyTo(bytes, 4 * 4096);
        File.WriteAllBytes(_harness.DatabasePath, bytes);

        var error = Assert.Throws<TaskStoreException>(() => TaskDatabase.Open(_harness.Options(), NullLogger.Instance));

        Assert.That(error!.Message, Does.Contain(_harness.DatabasePath));
        Assert.That(File.ReadAllBytes(_harness.DatabasePath), Is.EqualTo(bytes), "nothing repaired or recreated");
        File.Delete(_harness.DatabasePath);
        _harness.Reopen();
    }

    [Test]
    public void Open_ForeignSqliteDatabase_IsRefused()
    {
        var foreign = Path.Combine(_harness.Directory, "foreign.db");
        using (var connection = new SqliteConnection($"Data Source={foreign};Pooling=False"))
        {
            connection.Open();
            using var create = connection.CreateCommand();
            create.CommandText = "CREATE TABLE photos (id INTEGER);";
            create.ExecuteNonQuery();
        }

        var error = Assert.Throws<TaskStoreException>(() => TaskDatabase.Open(_harness.Options(foreign), NullLogger.Instance));

        Assert.That(error!.Message, Does.Contain("not a Mesh task database"));
        Assert.That(error.Message, Does.Contain(foreign));
    }

    [Test]
    public void Options_Validate_NamesTheBadOption()
    {
        Assert.That(Assert.Throws<ArgumentException>(() => new TaskStoreOptions().Validate())!.ParamName, Is.EqualTo("DatabasePath"));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new TaskStoreOptions { DatabasePath = "x", MaxPageSize = 0 }.Validate());
        Assert.That(error!.ParamName, Is.EqualTo("MaxPageSize"));
    }

    private static void SetVersion(string path, int version)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var update = connection.CreateCommand();
        update.CommandText = "UPDATE schema_version SET version = $v;";
        update.Parameters.AddWithValue("$v", version);
        update.ExecuteNonQuery();
    }

    private static long GetVersion(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT version FROM schema_version;";
        return (long)select.ExecuteScalar()!;
    }
}
