using Microsoft.Data.Sqlite;

namespace Mesh.Core.Tasks;

/// <summary>Opening checks and forward migrations.</summary>
public sealed partial class TaskDatabase
{
    private static int Prepare(SqliteConnection connection, TaskStoreOptions options, string path)
    {
        // WAL: readers run beside the writer, and a commit is one append to the log. The journal mode is stored in
        // the file; synchronous and the cache are per connection.
        Execute(connection, "PRAGMA journal_mode=WAL;");
        Execute(connection, options.FullSync ? "PRAGMA synchronous=FULL;" : "PRAGMA synchronous=NORMAL;");
        Execute(connection, $"PRAGMA cache_size=-{options.CacheKiB};");
        if (options.CheckIntegrityOnOpen)
        {
            using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA quick_check;";
            var verdict = check.ExecuteScalar() as string;
            if (verdict != "ok")
            {
                throw new TaskStoreException(
                    $"the task database {path} is damaged ({verdict}). The file was left as it is; move it away to start with an empty one");
            }
        }

        var version = ReadVersion(connection, path);
        if (version > TaskDatabaseSchema.CurrentVersion)
        {
            throw new TaskStoreException(
                $"the task database {path} has schema version {version}, newer than the {TaskDatabaseSchema.CurrentVersion} this mesh-node knows: "
                + "run a newer mesh-node (the file was not changed)");
        }

        for (var from = version; from < TaskDatabaseSchema.CurrentVersion; from++)
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            using var migrate = connection.CreateCommand();
            migrate.Transaction = transaction;
            migrate.CommandText = TaskDatabaseSchema.Migrations[from];
            migrate.ExecuteNonQuery();
            using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "UPDATE schema_version SET version = $version;";
            record.Parameters.AddWithValue("$version", from + 1);
            record.ExecuteNonQuery();
            transaction.Commit();
        }

        return TaskDatabaseSchema.CurrentVersion;
    }

    private static int ReadVersion(SqliteConnection connection, string path)
    {
        using var tables = connection.CreateCommand();
        tables.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%';";
        var names = new List<string>();
        using (var reader = tables.ExecuteReader())
        {
            while (reader.Read())
            {
                names.Add(reader.GetString(0));
            }
        }

        if (!names.Contains("schema_version"))
        {
            if (names.Count > 0)
            {
                throw new TaskStoreException(
                    $"{path} is an SQLite database but not a Mesh task database (it has tables {string.Join(", ", names)} and no schema_version). The file was left as it is");
            }

            Execute(connection, "CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version (version) VALUES (0);");
            return 0;
        }

        using var select = connection.CreateCommand();
        select.CommandText = "SELECT version FROM schema_version;";
        return select.ExecuteScalar() is long version
            ? checked((int)version)
            : throw new TaskStoreException($"the task database {path} has an empty schema_version table. The file was left as it is");
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
