namespace Mesh.Core.Tasks;

/// <summary>
/// The task database's schema, as forward migrations: entry <c>n</c> takes version <c>n</c> to <c>n + 1</c>. Entries are
/// never edited once released, only appended; a database newer than <see cref="CurrentVersion"/> is refused.
/// </summary>
internal static class TaskDatabaseSchema
{
    public static readonly string[] Migrations =
    [
        // 0 → 1: tasks, their output, and the executor's unacknowledged results. Times are Unix milliseconds (UTC);
        // ids are their text forms, which sort as the ids do; specs and results are JSON (TaskJsonContext).
        """
        CREATE TABLE tasks (
            id TEXT NOT NULL PRIMARY KEY,
            origin TEXT NOT NULL,
            spec TEXT NOT NULL,
            state TEXT NOT NULL,
            max_retries INTEGER NOT NULL,
            exit_code INTEGER,
            executor TEXT,
            attempts INTEGER NOT NULL DEFAULT 0,
            attempt_id TEXT,
            lease_until INTEGER,
            submitted_at INTEGER NOT NULL,
            started_at INTEGER,
            finished_at INTEGER,
            error TEXT,
            result TEXT,
            output_bytes INTEGER NOT NULL DEFAULT 0,
            output_truncated INTEGER NOT NULL DEFAULT 0
        ) WITHOUT ROWID;
        CREATE INDEX tasks_by_state ON tasks (state, id);
        CREATE INDEX tasks_by_lease ON tasks (lease_until) WHERE state = 'running';
        CREATE TABLE task_output (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            task_id TEXT NOT NULL,
            attempt_id TEXT NOT NULL,
            stream INTEGER NOT NULL,
            byte_offset INTEGER NOT NULL,
            data BLOB NOT NULL
        );
        CREATE INDEX task_output_by_task ON task_output (task_id, seq);
        CREATE INDEX task_output_by_stream ON task_output (task_id, attempt_id, stream, byte_offset);
        CREATE TABLE executor_results (
            task_id TEXT NOT NULL,
            attempt_id TEXT NOT NULL,
            origin TEXT NOT NULL,
            result TEXT NOT NULL,
            stored_at INTEGER NOT NULL,
            PRIMARY KEY (task_id, attempt_id)
        ) WITHOUT ROWID;
        CREATE INDEX executor_results_by_origin ON executor_results (origin, stored_at);
        """,

        // 1 → 2: the compute journal (docs/protocol.md "Journal"). The executor keeps the signed compute record with
        // its pending result, so a redelivery sends the same bytes (rows from before have none and deliver without);
        // the origin finds a finished task by its last attempt, to answer a redelivered result it already journaled.
        """
        ALTER TABLE executor_results ADD COLUMN journal_record BLOB;
        ALTER TABLE executor_results ADD COLUMN journal_signature BLOB;
        CREATE INDEX tasks_by_attempt ON tasks (attempt_id) WHERE attempt_id IS NOT NULL;
        """,
    ];

    /// <summary>The version this code writes.</summary>
    public static int CurrentVersion => Migrations.Length;
}
