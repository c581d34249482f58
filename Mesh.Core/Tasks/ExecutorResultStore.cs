using System.Text.Json;

namespace Mesh.Core.Tasks;

/// <summary>
/// The executor's side of "no finished result is lost": a result is stored (committed to disk) before it is sent to
/// its origin and kept until the origin acknowledges it, across restarts of either node. Lives in the same
/// <c>tasks.db</c> as <see cref="TaskStore"/> (table <c>executor_results</c>). Thread-safe.
/// </summary>
public sealed class ExecutorResultStore
{
    private readonly TaskDatabase _database;
    private readonly TimeProvider _time;

    /// <summary>Creates the store over an open database.</summary>
    public ExecutorResultStore(TaskDatabase database, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(time);
        _database = database;
        _time = time;
    }

    /// <summary>
    /// Keeps the result of attempt <paramref name="attemptId"/>, with its executor-signed compute record when there is
    /// one; true when stored, false when that attempt's result was already held (the first is kept).
    /// </summary>
    public bool Put(TaskId taskId, AttemptId attemptId, string origin, TaskResult result, Wire.RunResultJournal? journal = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(origin);
        ArgumentNullException.ThrowIfNull(result);
        var json = JsonSerializer.Serialize(result, TaskJsonContext.Default.TaskResult);
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        return _database.Write((connection, transaction) =>
        {
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText =
                """
                INSERT OR IGNORE INTO executor_results (task_id, attempt_id, origin, result, stored_at, journal_record, journal_signature)
                VALUES ($id, $attempt, $origin, $result, $now, $record, $signature);
                """;
            insert.Parameters.AddWithValue("$id", taskId.ToString());
            insert.Parameters.AddWithValue("$attempt", attemptId.ToString());
            insert.Parameters.AddWithValue("$origin", origin);
            insert.Parameters.AddWithValue("$result", json);
            insert.Parameters.AddWithValue("$now", now);
            insert.Parameters.AddWithValue("$record", journal is null ? DBNull.Value : journal.Record.ToArray());
            insert.Parameters.AddWithValue("$signature", journal is null ? DBNull.Value : journal.ExecutorSignature.ToArray());
            return insert.ExecuteNonQuery() == 1;
        });
    }

    /// <summary>The results not yet acknowledged by <paramref name="origin"/>, oldest first (at most <paramref name="limit"/>).</summary>
    public IReadOnlyList<PendingResult> PendingFor(string origin, int limit = 1000) => _database.Read(connection =>
    {
        using var select = connection.CreateCommand();
        select.CommandText =
            "SELECT task_id, attempt_id, origin, result, stored_at, journal_record, journal_signature FROM executor_results WHERE origin = $origin ORDER BY stored_at, task_id LIMIT $limit;";
        select.Parameters.AddWithValue("$origin", origin);
        select.Parameters.AddWithValue("$limit", Math.Clamp(limit, 1, _database.Options.MaxPageSize));
        var pending = new List<PendingResult>();
        using var reader = select.ExecuteReader();
        while (reader.Read())
        {
            var result = JsonSerializer.Deserialize(reader.GetString(3), TaskJsonContext.Default.TaskResult)
                ?? throw new InvalidDataException("a stored task result is null");
            pending.Add(new PendingResult(
                TaskId.Parse(reader.GetString(0)), AttemptId.Parse(reader.GetString(1)), reader.GetString(2), result,
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)))
            {
                Journal = reader.IsDBNull(5) || reader.IsDBNull(6) ? null : new Wire.RunResultJournal((byte[])reader[5], (byte[])reader[6]),
            });
        }

        return pending;
    });

    /// <summary>Forgets a result its origin has acknowledged (accepted or refused as a duplicate); false when it was not held.</summary>
    public bool Acknowledge(TaskId taskId, AttemptId attemptId) => _database.Write((connection, transaction) =>
    {
        using var delete = connection.CreateCommand();
        delete.Transaction = transaction;
        delete.CommandText = "DELETE FROM executor_results WHERE task_id = $id AND attempt_id = $attempt;";
        delete.Parameters.AddWithValue("$id", taskId.ToString());
        delete.Parameters.AddWithValue("$attempt", attemptId.ToString());
        return delete.ExecuteNonQuery() == 1;
    });
}
