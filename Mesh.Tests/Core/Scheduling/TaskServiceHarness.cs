using Mesh.Core.Control;
using Mesh.Core.Execution;
using Mesh.Core.Scheduling;
using Mesh.Core.Tasks;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mesh.Tests.Core.Scheduling;

/// <summary>A task service over a temp data dir with a real <see cref="LocalExecutor"/>; reopen it to play a restart.</summary>
internal sealed class TaskServiceHarness : IAsyncDisposable
{
    public const string Self = "12D3KooWDpJ7As7BWAwRMfu1VU2WCqNjvq387JEYKDBj4kx6nXTN";

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("mesh-sched-");
    private readonly double _surplusCpu;
    private readonly RemoteExecution? _remote;
    private readonly TaskJournaling? _journaling;
    private TaskDatabase? _database;

    public TaskServiceHarness(double surplusCpu = 4, RemoteExecution? remote = null, TaskJournaling? journaling = null)
    {
        _surplusCpu = surplusCpu;
        _remote = remote;
        _journaling = journaling;
        Executor = new LocalExecutor(
            new LocalExecutorOptions
            {
                WorkRoot = Path.Combine(_root.FullName, "work"),
                UseBubblewrap = false,
                KillGracePeriod = TimeSpan.FromMilliseconds(300),
                OutputDrainTimeout = TimeSpan.FromMilliseconds(500),
                CgroupName = "mesh-tasks-sched-test",
            },
            TimeProvider.System,
            NullLogger<LocalExecutor>.Instance);
        Open();
    }

    public LocalExecutor Executor { get; }

    public TaskStore Store { get; private set; } = null!;

    public TaskService Service { get; private set; } = null!;

    public string WorkRoot => Path.Combine(_root.FullName, "work");

    public string CacheDirectory => Path.Combine(_root.FullName, "cache");

    public string PathOf(string name) => Path.Combine(_root.FullName, name);

    /// <summary>Creates a started harness.</summary>
    public static async Task<TaskServiceHarness> CreateAsync(double surplusCpu = 4, RemoteExecution? remote = null, TaskJournaling? journaling = null)
    {
        var harness = new TaskServiceHarness(surplusCpu, remote, journaling);
        await harness.Service.StartAsync();
        return harness;
    }

    /// <summary>Stops the service and closes the database, then opens both again (a node restart).</summary>
    public async Task RestartAsync(Action<TaskStore>? whileStopped = null)
    {
        await CloseAsync();
        Open();
        whileStopped?.Invoke(Store);
        await Service.StartAsync();
    }

    public async Task<string> SubmitAsync(params string[] argv) => (await Service.SubmitAsync(new SubmitTaskRequest { Argv = argv })).Ids[0];

    /// <summary>Waits (at most 10 s) for the task to be final.</summary>
    public async Task<TaskStatusView> WaitAsync(string id)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return (await Service.WaitAsync(id, timeout.Token))!;
    }

    /// <summary>The whole output of a task, streams interleaved, as text.</summary>
    public async Task<string> OutputAsync(string id, bool follow = false)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var text = new System.Text.StringBuilder();
        await foreach (var chunk in Service.ReadOutputAsync(id, 0, follow, timeout.Token))
        {
            text.Append(System.Text.Encoding.UTF8.GetString(chunk.Data));
        }

        return text.ToString();
    }

    /// <summary>Waits (at most 5 s) until the task printed something, so it is surely running.</summary>
    public async Task WaitForFirstOutputAsync(string id)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await using var chunks = Service.ReadOutputAsync(id, 0, follow: true, timeout.Token).GetAsyncEnumerator(timeout.Token);
        Assert.That(await chunks.MoveNextAsync(), Is.True, "the task printed nothing");
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync();
        _root.Delete(recursive: true);
    }

    /// <summary>The node's slots (shared with guests in a node).</summary>
    public SlotPool Slots { get; private set; } = null!;

    /// <summary>The machine the service believes it runs on: requests above it are refused.</summary>
    public static Mesh.Core.Resources.ResourceVector Capacity { get; } = new(16, 64L << 30, 1_000_000_000_000, 1);

    private void Open()
    {
        _database = TaskDatabase.Open(new TaskStoreOptions { DatabasePath = PathOf("tasks.db"), FullSync = false }, NullLogger.Instance);
        Store = new TaskStore(_database, TimeProvider.System, NullLogger.Instance);
        Slots = new SlotPool(() => _surplusCpu, 64);
        Service = new TaskService(
            Store, Executor, _journaling?.Self.ToString() ?? Self, "test-node", Slots,
            new TaskServiceOptions { CacheDirectory = CacheDirectory, LoadReportInterval = TimeSpan.FromMilliseconds(10) },
            TimeProvider.System, NullLogger.Instance)
        {
            Capacity = () => Capacity,
            Remote = _remote,
            Journaling = _journaling,
        };
    }

    private async Task CloseAsync()
    {
        if (_database is null)
        {
            return;
        }

        await Service.DisposeAsync();
        _database.Dispose();
        _database = null;
    }
}
