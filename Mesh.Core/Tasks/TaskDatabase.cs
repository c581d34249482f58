using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Mesh.Core.Tasks;

/// <summary>
/// The SQLite file behind <see cref="TaskStore"/> and <see cref="ExecutorResultStore"/>: opened in WAL mode, checked,
/// migrated forward, never recreated or deleted when something is wrong with it (that is reported, naming the path).
/// </summary>
/// <remarks>
/// Writes go through one connection under a lock (<see cref="Write{T}"/>), each in a <c>BEGIN IMMEDIATE</c>
/// transaction: SQLite allows one writer anyway, and one connection avoids busy-retry sleeps between this node's own
/// writers. Reads each take a pooled read-only connection, which in WAL mode run beside the writer.
/// </remarks>
public sealed partial class TaskDatabase : IDisposable
{
    private readonly Lock _writeLock = new();
    private readonly SqliteConnection _writer;
    private readonly string _readConnectionString;
    private readonly ILogger _logger;
    private bool _disposed;

    private TaskDatabase(TaskStoreOptions options, SqliteConnection writer, string readConnectionString, ILogger logger)
    {
        Options = options;
        _writer = writer;
        _readConnectionString = readConnectionString;
        _logger = logger;
    }

    /// <summary>The settings it was opened with.</summary>
    public TaskStoreOptions Options { get; }

    /// <summary>The database file.</summary>
    public string Path => Options.DatabasePath;

    /// <summary>The schema version this code writes.</summary>
    public static int CurrentSchemaVersion => TaskDatabaseSchema.CurrentVersion;

    /// <summary>Opens (or creates, when the file is absent) the database and brings its schema up to date.</summary>
    /// <exception cref="TaskStoreException">The file cannot be used; the message names it and says why. The file is left as it was.</exception>
    public static TaskDatabase Open(TaskStoreOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();
        var path = System.IO.Path.GetFullPath(options.DatabasePath);
        var baseBuilder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        };
        var writeString = new SqliteConnectionStringBuilder(baseBuilder.ConnectionString) { Mode = SqliteOpenMode.ReadWriteCreate }.ConnectionString;
        var readString = new SqliteConnectionStringBuilder(baseBuilder.ConnectionString) { Mode = SqliteOpenMode.ReadOnly }.ConnectionString;

        var writer = new SqliteConnection(writeString);
        try
        {
            writer.Open();
            var version = Prepare(writer, options, path);
            var database = new TaskDatabase(options, writer, readString, logger);
            LogOpened(logger, path, version, options.FullSync ? "FULL" : "NORMAL");
            return database;
        }
        catch (SqliteException ex)
        {
            writer.Dispose();
            SqliteConnection.ClearPool(writer);
            throw new TaskStoreException(
                $"the task database {path} cannot be used: {ex.Message}. The file was left as it is; move it away to start with an empty one", ex);
        }
        catch
        {
            writer.Dispose();
            SqliteConnection.ClearPool(writer);
            throw;
        }
    }

    /// <summary>Runs <paramref name="work"/> in one write transaction, committed before this returns (durable per <see cref="TaskStoreOptions.FullSync"/>).</summary>
    internal T Write<T>(Func<SqliteConnection, SqliteTransaction, T> work)
    {
        lock (_writeLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var transaction = _writer.BeginTransaction(deferred: false);
            var result = work(_writer, transaction);
            transaction.Commit();
            return result;
        }
    }

    /// <summary>Runs <paramref name="work"/> on a pooled read-only connection.</summary>
    internal T Read<T>(Func<SqliteConnection, T> work)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var connection = new SqliteConnection(_readConnectionString);
        connection.Open();
        return work(connection);
    }

    /// <summary>Closes the file (a checkpoint folds the WAL back into it) and releases pooled connections.</summary>
    public void Dispose()
    {
        lock (_writeLock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _writer.Dispose();
            SqliteConnection.ClearPool(_writer);
            using var reader = new SqliteConnection(_readConnectionString);
            SqliteConnection.ClearPool(reader);
        }
    }

    [LoggerMessage(EventId = 1550, Level = LogLevel.Information, Message = "Task database {Path} open (schema {Version}, synchronous={Synchronous})")]
    private static partial void LogOpened(ILogger logger, string path, int version, string synchronous);
}
