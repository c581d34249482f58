namespace Mesh.Core.Tasks;

/// <summary>Settings of the task database (<c>DATA_DIR/tasks.db</c>).</summary>
public sealed class TaskStoreOptions
{
    /// <summary>The database file name in the data dir.</summary>
    public const string FileName = "tasks.db";

    /// <summary>The database file. Required; normally <c>Path.Combine(dataDir, FileName)</c>.</summary>
    public string DatabasePath { get; set; } = "";

    /// <summary>
    /// True (the default): <c>synchronous=FULL</c>, so every commit is on disk before the call returns and survives a
    /// power loss as well as a crash. False: <c>NORMAL</c>, which in WAL mode survives a process crash but may lose the
    /// last commits on a power loss or kernel panic.
    /// </summary>
    public bool FullSync { get; set; } = true;

    /// <summary>The most task output (stdout plus stderr) kept per attempt; past it the output is cut with a marker. Default 16 MiB.</summary>
    public long MaxOutputBytesPerAttempt { get; set; } = 16L << 20;

    /// <summary>The most bytes of one output chunk. Default 1 MiB.</summary>
    public int MaxOutputChunkBytes { get; set; } = 1 << 20;

    /// <summary>The most records one list call returns. Default 1,000.</summary>
    public int MaxPageSize { get; set; } = 1000;

    /// <summary>SQLite's page cache per connection, in KiB (memory stays bounded however many tasks are stored). Default 4,096.</summary>
    public int CacheKiB { get; set; } = 4096;

    /// <summary>Runs <c>PRAGMA quick_check</c> when opening, so a damaged file is reported at start, not mid-run. Default true.</summary>
    public bool CheckIntegrityOnOpen { get; set; } = true;

    /// <summary>How long a statement waits for a lock held by another process before failing. Default 5 s.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Checks the settings.</summary>
    /// <exception cref="ArgumentException">The path is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A limit is out of range; the message names it.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(DatabasePath))
        {
            throw new ArgumentException("DatabasePath must name the task database file", nameof(DatabasePath));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaxOutputBytesPerAttempt, 1024, nameof(MaxOutputBytesPerAttempt));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxOutputChunkBytes, 1, nameof(MaxOutputChunkBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPageSize, 1, nameof(MaxPageSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(CacheKiB, 64, nameof(CacheKiB));
        if (BusyTimeout < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(BusyTimeout), BusyTimeout, "BusyTimeout may not be negative");
        }
    }
}
