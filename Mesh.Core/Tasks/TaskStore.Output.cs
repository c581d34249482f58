using System.Text;
using Microsoft.Data.Sqlite;

namespace Mesh.Core.Tasks;

/// <summary>Task output, stored durably per attempt as it arrives, read back from a position for <c>mesh logs --follow</c>.</summary>
public sealed partial class TaskStore
{
    /// <summary>
    /// Stores a chunk of the current attempt's stdout or stderr that starts at byte <paramref name="offset"/> of that
    /// stream. Resends are harmless (the part already stored is skipped); a chunk past the stored end is refused as a
    /// gap. Past <see cref="TaskStoreOptions.MaxOutputBytesPerAttempt"/> the output is cut: what fits is stored, then a
    /// <see cref="OutputStreamKind.Notice"/> marker, and later chunks are dropped (reported as truncated, so the sender moves on).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The stream is not stdout or stderr, the offset is negative, or the chunk is larger than <see cref="TaskStoreOptions.MaxOutputChunkBytes"/>.</exception>
    public OutputAppendResult AppendOutput(TaskId taskId, AttemptId attemptId, OutputStreamKind stream, long offset, ReadOnlyMemory<byte> data)
    {
        if (stream is not (OutputStreamKind.Stdout or OutputStreamKind.Stderr))
        {
            throw new ArgumentOutOfRangeException(nameof(stream), stream, "task output is stdout or stderr");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(data.Length, _database.Options.MaxOutputChunkBytes, nameof(data));
        var cap = _database.Options.MaxOutputBytesPerAttempt;
        var result = _database.Write((connection, transaction) =>
        {
            using var select = connection.CreateCommand();
            select.Transaction = transaction;
            select.CommandText = "SELECT attempt_id, output_bytes, output_truncated FROM tasks WHERE id = $id;";
            select.Parameters.AddWithValue("$id", taskId.ToString());
            long stored;
            using (var reader = select.ExecuteReader())
            {
                if (!reader.Read())
                {
                    return new OutputAppendResult(OutputAppendOutcome.NotFound, 0);
                }

                if (reader.IsDBNull(0) || reader.GetString(0) != attemptId.ToString())
                {
                    return new OutputAppendResult(OutputAppendOutcome.StaleAttempt, 0);
                }

                if (reader.GetInt64(2) != 0)
                {
                    return new OutputAppendResult(OutputAppendOutcome.Truncated, offset + data.Length);
                }

                stored = reader.GetInt64(1);
            }

            var end = StreamEnd(connection, transaction, taskId, attemptId, stream);
            if (offset > end)
            {
                return new OutputAppendResult(OutputAppendOutcome.Gap, end);
            }

            if (offset + data.Length <= end)
            {
                return new OutputAppendResult(OutputAppendOutcome.Duplicate, end);
            }

            var fresh = data[(int)(end - offset)..];
            var room = cap - stored;
            if (fresh.Length <= room)
            {
                InsertChunk(connection, transaction, taskId, attemptId, stream, end, fresh);
                AddOutputBytes(connection, transaction, taskId, fresh.Length, truncated: false);
                return new OutputAppendResult(OutputAppendOutcome.Appended, end + fresh.Length);
            }

            if (room > 0)
            {
                InsertChunk(connection, transaction, taskId, attemptId, stream, end, fresh[..(int)room]);
            }

            var marker = Encoding.UTF8.GetBytes($"\n[mesh] output cut: this attempt wrote more than {cap} bytes; the rest was dropped\n");
            InsertChunk(connection, transaction, taskId, attemptId, OutputStreamKind.Notice, 0, marker);
            AddOutputBytes(connection, transaction, taskId, room, truncated: true);
            return new OutputAppendResult(OutputAppendOutcome.Truncated, offset + data.Length);
        });
        if (result.Outcome == OutputAppendOutcome.Truncated && result.NextOffset == offset + data.Length && offset + data.Length > 0)
        {
            LogOutputTruncated(_logger, taskId.ToString(), attemptId.ToString(), cap);
        }

        return result;
    }

    /// <summary>
    /// Up to <paramref name="maxChunks"/> chunks of the task's output (all attempts, all streams, in arrival order) after
    /// position <paramref name="afterSequence"/> (0: from the start). To follow, pass the last chunk's
    /// <see cref="OutputChunk.Sequence"/> next time.
    /// </summary>
    public IReadOnlyList<OutputChunk> ReadOutput(TaskId taskId, long afterSequence = 0, int maxChunks = 256) => _database.Read(connection =>
    {
        using var select = connection.CreateCommand();
        select.CommandText =
            "SELECT seq, attempt_id, stream, byte_offset, data FROM task_output WHERE task_id = $id AND seq > $after ORDER BY seq LIMIT $limit;";
        select.Parameters.AddWithValue("$id", taskId.ToString());
        select.Parameters.AddWithValue("$after", afterSequence);
        select.Parameters.AddWithValue("$limit", Math.Clamp(maxChunks, 1, _database.Options.MaxPageSize));
        var chunks = new List<OutputChunk>();
        using var reader = select.ExecuteReader();
        while (reader.Read())
        {
            chunks.Add(new OutputChunk(
                reader.GetInt64(0), AttemptId.Parse(reader.GetString(1)), (OutputStreamKind)reader.GetInt32(2), reader.GetInt64(3),
                (byte[])reader.GetValue(4)));
        }

        return chunks;
    });

    private static long StreamEnd(SqliteConnection connection, SqliteTransaction transaction, TaskId taskId, AttemptId attemptId, OutputStreamKind stream)
    {
        using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText =
            "SELECT byte_offset + length(data) FROM task_output WHERE task_id = $id AND attempt_id = $attempt AND stream = $stream ORDER BY byte_offset DESC LIMIT 1;";
        select.Parameters.AddWithValue("$id", taskId.ToString());
        select.Parameters.AddWithValue("$attempt", attemptId.ToString());
        select.Parameters.AddWithValue("$stream", (int)stream);
        return select.ExecuteScalar() is long end ? end : 0;
    }

    private static void InsertChunk(
        SqliteConnection connection, SqliteTransaction transaction, TaskId taskId, AttemptId attemptId, OutputStreamKind stream, long offset, ReadOnlyMemory<byte> data)
    {
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO task_output (task_id, attempt_id, stream, byte_offset, data) VALUES ($id, $attempt, $stream, $offset, $data);";
        insert.Parameters.AddWithValue("$id", taskId.ToString());
        insert.Parameters.AddWithValue("$attempt", attemptId.ToString());
        insert.Parameters.AddWithValue("$stream", (int)stream);
        insert.Parameters.AddWithValue("$offset", offset);
        insert.Parameters.Add("$data", SqliteType.Blob).Value = data.ToArray();
        insert.ExecuteNonQuery();
    }

    private static void AddOutputBytes(SqliteConnection connection, SqliteTransaction transaction, TaskId taskId, long bytes, bool truncated)
    {
        using var update = connection.CreateCommand();
        update.Transaction = transaction;
        update.CommandText = "UPDATE tasks SET output_bytes = output_bytes + $bytes, output_truncated = $truncated WHERE id = $id;";
        update.Parameters.AddWithValue("$id", taskId.ToString());
        update.Parameters.AddWithValue("$bytes", bytes);
        update.Parameters.AddWithValue("$truncated", truncated ? 1 : 0);
        update.ExecuteNonQuery();
    }
}
