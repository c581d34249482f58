using Mesh.Core.Tasks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Mesh.Tests.Core.Tasks;

/// <summary>A task database in a fresh temporary directory, with fake time; reopen it to test durability.</summary>
internal sealed class TaskStoreHarness : IDisposable
{
    public const string Origin = "12D3KooWOrigin";
    public const string Executor = "12D3KooWExecutor";

    private readonly Action<TaskStoreOptions>? _configure;

    public TaskStoreHarness(Action<TaskStoreOptions>? configure = null)
    {
        _configure = configure;
        Directory = Path.Combine(Path.GetTempPath(), "mesh-tasks-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        Open();
    }

    public static DateTimeOffset Start { get; } = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    public string Directory { get; }

    public string DatabasePath => Path.Combine(Directory, TaskStoreOptions.FileName);

    public FakeTimeProvider Time { get; } = new(Start);

    public TaskDatabase Database { get; private set; } = null!;

    public TaskStore Store { get; private set; } = null!;

    public ExecutorResultStore Results { get; private set; } = null!;

    public TaskStoreOptions Options(string? path = null)
    {
        var options = new TaskStoreOptions { DatabasePath = path ?? DatabasePath };
        _configure?.Invoke(options);
        return options;
    }

    public void Reopen()
    {
        Database.Dispose();
        Open();
    }

    public void Dispose()
    {
        Database.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }

    private void Open()
    {
        Database = TaskDatabase.Open(Options(), NullLogger.Instance);
        Store = new TaskStore(Database, Time, NullLogger.Instance);
        Results = new ExecutorResultStore(Database, Time);
    }
}
