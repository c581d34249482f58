using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Mesh.Core.Tasks;

/// <summary>State transitions, each one conditional UPDATE in one transaction (optimistic: the condition is the check).</summary>
public sealed partial class TaskStore
{
    /// <summary>
    /// Starts an attempt of a queued task on <paramref name="executor"/> under a lease until <paramref name="leaseUntil"/>;
    /// false (nothing changed) unless the task is queued. The attempt count goes up and the output counter restarts.
    /// </summary>
    public bool TryStartAttempt(TaskId taskId, AttemptId attemptId, string executor, DateTimeOffset leaseUntil)
    {
        ArgumentException.ThrowIfNullOrEmpty(executor);
        if (attemptId.IsEmpty)
        {
            throw new ArgumentException("an attempt id may not be empty", nameof(attemptId));
        }

        var now = Now();
        return _database.Write((connection, transaction) => Execute(connection, transaction,
            """
            UPDATE tasks SET state = 'running', executor = $executor, attempt_id = $attempt, lease_until = $lease,
                attempts = attempts + 1, started_at = $now, output_bytes = 0, output_truncated = 0
            WHERE id = $id AND state = 'queued';
            """,
            ("$id", taskId.ToString()), ("$executor", executor), ("$attempt", attemptId.ToString()),
            ("$lease", leaseUntil.ToUnixTimeMilliseconds()), ("$now", now.ToUnixTimeMilliseconds())) == 1);
    }

    /// <summary>Moves the lease of the running attempt <paramref name="attemptId"/> to <paramref name="until"/>; false when that attempt is not the running one.</summary>
    public bool TryRenewLease(TaskId taskId, AttemptId attemptId, DateTimeOffset until) =>
        _database.Write((connection, transaction) => Execute(connection, transaction,
            "UPDATE tasks SET lease_until = $lease WHERE id = $id AND state = 'running' AND attempt_id = $attempt;",
            ("$id", taskId.ToString()), ("$attempt", attemptId.ToString()), ("$lease", until.ToUnixTimeMilliseconds())) == 1);

    /// <summary>
    /// Records the task's one result, from its current running attempt: the task becomes succeeded (exit 0) or failed.
    /// Any other completion (a second one, one from a stale attempt, one after a cancel) is refused as
    /// <see cref="CompletionOutcome.Duplicate"/> and changes nothing.
    /// </summary>
    public CompletionOutcome TryComplete(TaskId taskId, AttemptId attemptId, TaskResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var now = Now();
        var json = JsonSerializer.Serialize(result, TaskJsonContext.Default.TaskResult);
        var outcome = _database.Write((connection, transaction) =>
        {
            var changed = Execute(connection, transaction,
                """
                UPDATE tasks SET state = $state, exit_code = $exit, result = $result, finished_at = $now, lease_until = NULL,
                    error = $error
                WHERE id = $id AND state = 'running' AND attempt_id = $attempt;
                """,
                ("$id", taskId.ToString()), ("$attempt", attemptId.ToString()),
                ("$state", (result.Succeeded ? TaskState.Succeeded : TaskState.Failed).ToText()),
                ("$exit", result.ExitCode), ("$result", json), ("$now", now.ToUnixTimeMilliseconds()),
                ("$error", result.Succeeded ? null : FailureText(result)));
            if (changed == 1)
            {
                return CompletionOutcome.Accepted;
            }

            return Exists(connection, transaction, taskId) ? CompletionOutcome.Duplicate : CompletionOutcome.NotFound;
        });
        if (outcome == CompletionOutcome.Duplicate)
        {
            LogDuplicateResult(_logger, taskId.ToString(), attemptId.ToString());
        }

        return outcome;
    }

    /// <summary>
    /// Takes the running attempt <paramref name="attemptId"/> away (its lease expired, its executor vanished or evicted
    /// it): back to queued while the attempts so far are at most the spec's retries, otherwise lost. Nothing changes when
    /// that attempt is not the running one (it finished or was already requeued), so a late call cannot undo a newer attempt.
    /// </summary>
    public RequeueOutcome Requeue(TaskId taskId, AttemptId attemptId, string reason)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        var now = Now();
        var outcome = _database.Write((connection, transaction) =>
        {
            using var select = connection.CreateCommand();
            select.Transaction = transaction;
            select.CommandText = "SELECT attempts, max_retries FROM tasks WHERE id = $id AND state = 'running' AND attempt_id = $attempt;";
            select.Parameters.AddWithValue("$id", taskId.ToString());
            select.Parameters.AddWithValue("$attempt", attemptId.ToString());
            using (var reader = select.ExecuteReader())
            {
                if (!reader.Read())
                {
                    return RequeueOutcome.NotRunning;
                }

                // attempts counts starts: with MaxRetries = 2 the third lost attempt is the last.
                if (reader.GetInt32(0) > reader.GetInt32(1))
                {
                    reader.Close();
                    Execute(connection, transaction,
                        "UPDATE tasks SET state = 'lost', lease_until = NULL, finished_at = $now, error = $error WHERE id = $id;",
                        ("$id", taskId.ToString()), ("$now", now.ToUnixTimeMilliseconds()), ("$error", reason));
                    return RequeueOutcome.Lost;
                }
            }

            Execute(connection, transaction,
                "UPDATE tasks SET state = 'queued', attempt_id = NULL, lease_until = NULL, error = $error WHERE id = $id;",
                ("$id", taskId.ToString()), ("$error", reason));
            return RequeueOutcome.Requeued;
        });
        if (outcome != RequeueOutcome.NotRunning)
        {
            LogRequeued(_logger, taskId.ToString(), attemptId.ToString(), outcome == RequeueOutcome.Lost ? "lost" : "queued", reason);
        }

        return outcome;
    }

    /// <summary>The running attempts whose lease ended at or before <paramref name="now"/>, oldest lease first (at most <paramref name="limit"/>).</summary>
    public IReadOnlyList<ExpiredLease> ExpiredLeases(DateTimeOffset now, int limit = 1000) => _database.Read(connection =>
    {
        using var select = connection.CreateCommand();
        select.CommandText =
            "SELECT id, attempt_id, executor, lease_until FROM tasks WHERE state = 'running' AND lease_until <= $now ORDER BY lease_until LIMIT $limit;";
        select.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        select.Parameters.AddWithValue("$limit", Math.Max(1, limit));
        var expired = new List<ExpiredLease>();
        using var reader = select.ExecuteReader();
        while (reader.Read())
        {
            expired.Add(new ExpiredLease(
                TaskId.Parse(reader.GetString(0)), AttemptId.Parse(reader.GetString(1)), reader.GetString(2),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3))));
        }

        return expired;
    });

    /// <summary>Requeues (or loses) every attempt whose lease ended at or before <paramref name="now"/>; returns what happened to each.</summary>
    public IReadOnlyList<(ExpiredLease Lease, RequeueOutcome Outcome)> RequeueExpired(DateTimeOffset now)
    {
        var results = new List<(ExpiredLease, RequeueOutcome)>();
        foreach (var lease in ExpiredLeases(now))
        {
            results.Add((lease, Requeue(lease.TaskId, lease.Attempt, $"the lease of attempt {lease.Attempt} on {lease.Executor} expired")));
        }

        return results;
    }

    /// <summary>Cancels a queued or running task; when it was running, the result names the executor and attempt to stop.</summary>
    public CancelResult Cancel(TaskId taskId, string reason = "cancelled")
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        var now = Now();
        return _database.Write((connection, transaction) =>
        {
            using var select = connection.CreateCommand();
            select.Transaction = transaction;
            select.CommandText = "SELECT state, executor, attempt_id FROM tasks WHERE id = $id;";
            select.Parameters.AddWithValue("$id", taskId.ToString());
            string? executor;
            AttemptId? attempt;
            using (var reader = select.ExecuteReader())
            {
                if (!reader.Read())
                {
                    return new CancelResult(CancelOutcome.NotFound);
                }

                if (reader.GetString(0) != "queued" && reader.GetString(0) != "running")
                {
                    return new CancelResult(CancelOutcome.AlreadyFinished);
                }

                var running = reader.GetString(0) == "running";
                executor = running && !reader.IsDBNull(1) ? reader.GetString(1) : null;
                attempt = running && !reader.IsDBNull(2) ? AttemptId.Parse(reader.GetString(2)) : null;
            }

            Execute(connection, transaction,
                "UPDATE tasks SET state = 'cancelled', lease_until = NULL, finished_at = $now, error = $error WHERE id = $id;",
                ("$id", taskId.ToString()), ("$now", now.ToUnixTimeMilliseconds()), ("$error", reason));
            return new CancelResult(CancelOutcome.Cancelled, executor, attempt);
        });
    }

    private static string FailureText(TaskResult result) => result.Message ?? result.Reason switch
    {
        TaskEndReason.Exited => $"exited with code {result.ExitCode}",
        TaskEndReason.Signaled => $"killed by signal {result.Signal}",
        TaskEndReason.TimedOut => "timed out",
        TaskEndReason.Cancelled => "cancelled",
        TaskEndReason.LimitExceeded => "stopped by a resource limit",
        TaskEndReason.StartFailed => "could not be started",
        _ => result.Reason.ToString(),
    };

    private static bool Exists(SqliteConnection connection, SqliteTransaction transaction, TaskId taskId)
    {
        using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = "SELECT 1 FROM tasks WHERE id = $id;";
        select.Parameters.AddWithValue("$id", taskId.ToString());
        return select.ExecuteScalar() is not null;
    }

    private static int Execute(SqliteConnection connection, SqliteTransaction transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command.ExecuteNonQuery();
    }
}
