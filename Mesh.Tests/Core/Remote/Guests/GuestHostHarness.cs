using Mesh.Core.Execution;
using Mesh.Core.Remote.Guests;
using Mesh.Core.Resources;
using Mesh.Core.Scheduling;
using Mesh.Core.Tasks;
using Mesh.Core.Tasks.Wire;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mesh.Tests.Core.Remote.Guests;

/// <summary>A guest task host over a temp dir, with the origin played by hand over in-memory streams.</summary>
internal sealed class GuestHostHarness : IAsyncDisposable
{
    public const string Origin = "12D3KooWDpJ7As7BWAwRMfu1VU2WCqNjvq387JEYKDBj4kx6nXTN";

    private static readonly TaskIdGenerator Ids = new(TimeProvider.System);
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("mesh-guests-");
    private readonly TaskDatabase _database;
    private readonly List<Task> _serving = [];

    public GuestHostHarness(
        ILocalExecutor executor, GuestPolicy? policy = null, ResourceVector? surplus = null, Action<GuestTaskHostOptions>? configure = null, TimeProvider? time = null,
        TaskJournaling? journaling = null)
    {
        _database = TaskDatabase.Open(new TaskStoreOptions { DatabasePath = Path.Combine(_root.FullName, "tasks.db"), FullSync = false }, NullLogger.Instance);
        Results = new ExecutorResultStore(_database, TimeProvider.System);
        Cache = new InputCache(Path.Combine(_root.FullName, "cache"), long.MaxValue);
        var available = surplus ?? new ResourceVector(4, 8L << 30, 100L << 30, 0);
        Slots = new SlotPool(() => available.Cpu, 4);
        Options = new GuestTaskHostOptions { WorkDirectory = Path.Combine(_root.FullName, "guests") };
        configure?.Invoke(Options);
        Host = new GuestTaskHost(executor, Results, Cache, Slots, () => available, policy ?? GuestPolicy.Open, Transport, Options, time ?? TimeProvider.System, NullLogger.Instance)
        {
            Journaling = journaling,
        };
    }

    public GuestTaskHost Host { get; }

    public ExecutorResultStore Results { get; }

    public InputCache Cache { get; }

    public SlotPool Slots { get; }

    public GuestTaskHostOptions Options { get; }

    public FakeTaskTransport Transport { get; } = new();

    public string PathOf(string name) => Path.Combine(_root.FullName, name);

    public static RunRequestMessage Request(TaskSpec spec, TimeSpan? lease = null) => new(AttemptId.New(), Ids.Next(), spec, lease ?? TimeSpan.FromMinutes(5));

    public static RunRequestMessage Request(params string[] argv) => Request(new TaskSpec { Argv = argv });

    /// <summary>Hands <paramref name="request"/> to the host as the dispatcher would; returns the origin's end and the serving task.</summary>
    public (InMemoryChannel Origin, Task Serving) Serve(RunRequestMessage request, long initialCredit = 1 << 20, string originPeer = Origin)
    {
        var (origin, executor) = ChannelPair.Create();
        TaskWireStream.WriteAsync(origin.Output, new OutputCreditMessage(request.Attempt, initialCredit)).AsTask().GetAwaiter().GetResult();
        var serving = Host.ServeAsync(request, executor, originPeer, CancellationToken.None);
        _serving.Add(serving);
        return (origin, serving);
    }

    /// <summary>The next message the origin reads (at most 5 s); null when the stream ended.</summary>
    public static async Task<TaskMessage?> ReadAsync(InMemoryChannel origin)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        return await TaskWireStream.ReadAsync(origin.Input, cancellationToken: timeout.Token);
    }

    /// <summary>Reads until the stream ends or fails; the messages read.</summary>
    public static async Task<List<TaskMessage>> ReadToEndAsync(InMemoryChannel origin)
    {
        var messages = new List<TaskMessage>();
        try
        {
            while (await ReadAsync(origin) is { } message)
            {
                messages.Add(message);
            }
        }
        catch (Exception ex) when (ex is IOException or TaskProtocolException)
        {
            // The executor aborted the stream.
        }

        return messages;
    }

    public static Task SendAsync(InMemoryChannel origin, TaskMessage message) => TaskWireStream.WriteAsync(origin.Output, message).AsTask();

    /// <summary>Waits (at most 5 s) for the serving task, which must not throw.</summary>
    public static async Task CompletesAsync(Task serving) => await serving.WaitAsync(TimeSpan.FromSeconds(5));

    /// <summary>Waits (at most 5 s) until <paramref name="condition"/> holds.</summary>
    public static async Task EventuallyAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        _database.Dispose();
        _root.Delete(recursive: true);
    }
}
