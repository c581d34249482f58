using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Mesh.Core.Tasks;

/// <summary>
/// The origin's durable record of its tasks (issue 5 item 2): every submitted task and its one result live in
/// <c>tasks.db</c>, so restarting the node loses neither. Nothing is cached in memory: a queued task costs a row, not an
/// object. Every call is safe from many threads; every write is committed before the call returns.
/// </summary>
/// <remarks>
/// State machine: queued → running (<see cref="TryStartAttempt"/>, only from queued, with a fresh attempt id and a
/// lease) → succeeded | failed (<see cref="TryComplete"/>, only the current attempt, exactly once) | cancelled
/// (<see cref="Cancel"/>) | lost (<see cref="Requeue"/> with no retries left); running → queued (<see cref="Requeue"/>,
/// for an expired lease, while retries remain). Every transition is one conditional UPDATE, so racing callers cannot
/// both win.
/// </remarks>
public sealed partial class TaskStore
{
    private const string Columns =
        "id, origin, spec, state, exit_code, executor, attempts, attempt_id, lease_until, submitted_at, started_at, finished_at, error";

    private readonly TaskDatabase _database;
    private readonly TimeProvider _time;
    private readonly TaskIdGenerator _ids;
    private readonly ILogger _logger;

    /// <summary>Creates the store over an open database.</summary>
    public TaskStore(TaskDatabase database, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _database = database;
        _time = time;
        _ids = new TaskIdGenerator(time);
        _logger = logger;
    }

    /// <summary>Stores one queued task submitted at <paramref name="origin"/> and returns its record.</summary>
    public TaskRecord Submit(string origin, TaskSpec spec) => SubmitMany(origin, [spec])[0];

    /// <summary>
    /// Stores many queued tasks in one transaction (all or none), with ids increasing in the order given, and returns
    /// their records. The specs should have passed <see cref="TaskSpecValidator"/>.
    /// </summary>
    public IReadOnlyList<TaskRecord> SubmitMany(string origin, IReadOnlyList<TaskSpec> specs)
    {
        ArgumentException.ThrowIfNullOrEmpty(origin);
        ArgumentNullException.ThrowIfNull(specs);
        var now = Now();
        var records = new TaskRecord[specs.Count];
        for (var i = 0; i < specs.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(specs[i], nameof(specs));
            records[i] = new TaskRecord { Id = _ids.Next(), Spec = specs[i], State = TaskState.Queued, Origin = origin, SubmittedAt = now };
        }

        _database.Write((connection, transaction) =>
        {
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText =
                "INSERT INTO tasks (id, origin, spec, state, max_retries, submitted_at) VALUES ($id, $origin, $spec, 'queued', $retries, $at);";
            var id = insert.Parameters.Add("$id", SqliteType.Text);
            var spec = insert.Parameters.Add("$spec", SqliteType.Text);
            var retries = insert.Parameters.Add("$retries", SqliteType.Integer);
            insert.Parameters.AddWithValue("$origin", origin);
            insert.Parameters.AddWithValue("$at", now.ToUnixTimeMilliseconds());
            insert.Prepare();
            foreach (var record in records)
            {
                id.Value = record.Id.ToString();
                spec.Value = JsonSerializer.Serialize(record.Spec, TaskJsonContext.Default.TaskSpec);
                retries.Value = record.Spec.MaxRetries;
                insert.ExecuteNonQuery();
            }

            return 0;
        });
        return records;
    }

    /// <summary>The task's record, or null when there is no such task.</summary>
    public TaskRecord? Get(TaskId id) => _database.Read(connection =>
    {
        using var select = connection.CreateCommand();
        select.CommandText = $"SELECT {Columns} FROM tasks WHERE id = $id;";
        select.Parameters.AddWithValue("$id", id.ToString());
        using var reader = select.ExecuteReader();
        return reader.Read() ? ReadRecord(reader) : null;
    });

    /// <summary>The accepted result of a finished task, or null when it has none (not finished, cancelled, lost, or unknown).</summary>
    public TaskResult? GetResult(TaskId id) => _database.Read(connection =>
    {
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT result FROM tasks WHERE id = $id;";
        select.Parameters.AddWithValue("$id", id.ToString());
        return select.ExecuteScalar() is string json ? JsonSerializer.Deserialize(json, TaskJsonContext.Default.TaskResult) : null;
    });

    /// <summary>A page of tasks in id order (see <see cref="TaskListQuery"/>).</summary>
    public IReadOnlyList<TaskRecord> List(TaskListQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var limit = Math.Clamp(query.Limit, 1, _database.Options.MaxPageSize);
        return _database.Read(connection =>
        {
            using var select = connection.CreateCommand();
            select.CommandText =
                $"SELECT {Columns} FROM tasks WHERE ($state IS NULL OR state = $state) AND ($after IS NULL OR id > $after) ORDER BY id LIMIT $limit;";
            select.Parameters.AddWithValue("$state", (object?)query.State?.ToText() ?? DBNull.Value);
            select.Parameters.AddWithValue("$after", (object?)query.After?.ToString() ?? DBNull.Value);
            select.Parameters.AddWithValue("$limit", limit);
            var records = new List<TaskRecord>();
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                records.Add(ReadRecord(reader));
            }

            return records;
        });
    }

    /// <summary>How many tasks are in each state (states with none are absent).</summary>
    public IReadOnlyDictionary<TaskState, int> CountByState() => _database.Read(connection =>
    {
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT state, COUNT(*) FROM tasks GROUP BY state;";
        var counts = new Dictionary<TaskState, int>();
        using var reader = select.ExecuteReader();
        while (reader.Read())
        {
            if (TaskStates.TryParse(reader.GetString(0), out var state))
            {
                counts[state] = reader.GetInt32(1);
            }
        }

        return counts;
    });

    /// <summary>
    /// The scheduler's view of up to <paramref name="limit"/> queued tasks, oldest first, after <paramref name="after"/>:
    /// id, request and placement only (about 50 bytes each), read from the spec column without keeping the specs.
    /// </summary>
    public IReadOnlyList<QueuedTaskSummary> ListQueued(TaskId? after, int limit)
    {
        var page = Math.Clamp(limit, 1, _database.Options.MaxPageSize);
        return _database.Read(connection =>
        {
            using var select = connection.CreateCommand();
            select.CommandText =
                "SELECT id, spec FROM tasks WHERE state = 'queued' AND ($after IS NULL OR id > $after) ORDER BY id LIMIT $limit;";
            select.Parameters.AddWithValue("$after", (object?)after?.ToString() ?? DBNull.Value);
            select.Parameters.AddWithValue("$limit", page);
            var summaries = new List<QueuedTaskSummary>();
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                var spec = DeserializeSpec(reader.GetString(1));
                summaries.Add(new QueuedTaskSummary(TaskId.Parse(reader.GetString(0)), spec.Resources, spec.Placement.Kind));
            }

            return summaries;
        });
    }

    private DateTimeOffset Now() => _time.GetUtcNow();

    private static TaskRecord ReadRecord(SqliteDataReader reader) => new()
    {
        Id = TaskId.Parse(reader.GetString(0)),
        Origin = reader.GetString(1),
        Spec = DeserializeSpec(reader.GetString(2)),
        State = TaskStates.TryParse(reader.GetString(3), out var state) ? state : throw new InvalidDataException($"unknown task state '{reader.GetString(3)}'"),
        ExitCode = reader.IsDBNull(4) ? null : reader.GetInt32(4),
        Executor = reader.IsDBNull(5) ? null : reader.GetString(5),
        Attempts = reader.GetInt32(6),
        AttemptId = reader.IsDBNull(7) ? null : Tasks.AttemptId.Parse(reader.GetString(7)),
        LeaseUntil = Time(reader, 8),
        SubmittedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(9)),
        StartedAt = Time(reader, 10),
        FinishedAt = Time(reader, 11),
        Error = reader.IsDBNull(12) ? null : reader.GetString(12),
    };

    private static DateTimeOffset? Time(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));

    private static TaskSpec DeserializeSpec(string json) =>
        JsonSerializer.Deserialize(json, TaskJsonContext.Default.TaskSpec) ?? throw new InvalidDataException("a stored task spec is null");
}
