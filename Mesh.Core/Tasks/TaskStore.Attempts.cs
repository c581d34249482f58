namespace Mesh.Core.Tasks;

/// <content>Attempts run elsewhere: finding one by its id, and handing back one that never started.</content>
public sealed partial class TaskStore
{
    /// <summary>The running task whose current attempt is <paramref name="attemptId"/>, or null (not running, stale, or unknown).</summary>
    public TaskRecord? FindRunning(AttemptId attemptId) => _database.Read(connection =>
    {
        using var select = connection.CreateCommand();

        // Running tasks are few (bounded by the slots of the mesh), and the lease index covers exactly them.
        select.CommandText = $"SELECT {Columns} FROM tasks WHERE state = 'running' AND lease_until IS NOT NULL AND attempt_id = $attempt;";
        select.Parameters.AddWithValue("$attempt", attemptId.ToString());
        using var reader = select.ExecuteReader();
        return reader.Read() ? ReadRecord(reader) : null;
    });

    /// <summary>
    /// The finished task whose last attempt is <paramref name="attemptId"/> (its <see cref="TaskRecord.Executor"/> ran
    /// it); null when there is none (running, re-queued, or unknown). The origin answers a redelivered result it has
    /// already journaled by it.
    /// </summary>
    public TaskRecord? FindFinished(AttemptId attemptId) => _database.Read(connection =>
    {
        using var select = connection.CreateCommand();
        select.CommandText = $"SELECT {Columns} FROM tasks WHERE attempt_id = $attempt;";
        select.Parameters.AddWithValue("$attempt", attemptId.ToString());
        using var reader = select.ExecuteReader();
        while (reader.Read())
        {
            var record = ReadRecord(reader);
            if (record.State.IsFinal())
            {
                return record;
            }
        }

        return null;
    });

    /// <summary>
    /// Puts a task whose attempt <paramref name="attemptId"/> never started back in the queue without counting that
    /// attempt (the executor refused it, or could not be reached): no retry is spent on it. False when that attempt is
    /// not the running one.
    /// </summary>
    public bool TryReturnToQueue(TaskId taskId, AttemptId attemptId, string reason)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        return _database.Write((connection, transaction) => Execute(connection, transaction,
            """
            UPDATE tasks SET state = 'queued', attempt_id = NULL, lease_until = NULL, executor = NULL, started_at = NULL,
                attempts = MAX(attempts - 1, 0), error = $error
            WHERE id = $id AND state = 'running' AND attempt_id = $attempt;
            """,
            ("$id", taskId.ToString()), ("$attempt", attemptId.ToString()), ("$error", reason)) == 1);
    }
}
