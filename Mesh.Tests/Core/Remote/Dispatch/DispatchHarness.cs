using System.Security.Cryptography;
using Mesh.Core.Remote.Dispatch;
using Mesh.Core.Resources;
using Mesh.Core.Scheduling;
using Mesh.Core.Tasks;
using Mesh.Tests.Core.Tasks;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mesh.Tests.Core.Remote.Dispatch;

/// <summary>A runner over a real task store and input cache on a temp directory, fake time, and an in-memory stream.</summary>
internal sealed class DispatchHarness : IDisposable
{
    public const string Peer = TaskStoreHarness.Executor;

    public DispatchHarness(Action<RemoteAttemptOptions>? configure = null)
    {
        Cache = new InputCache(Path.Combine(Tasks.Directory, "cache"), 1L << 30);
        OutputDirectory = Path.Combine(Tasks.Directory, "out");
        configure?.Invoke(Options);
        Runner = new RemoteAttemptRunner(Tasks.Store, Cache, Transport, Options, Tasks.Time, NullLogger.Instance);
        Executor = new ExecutorSide(Transport.ExecutorEnd);
    }

    public TaskStoreHarness Tasks { get; } = new();

    public TaskStore Store => Tasks.Store;

    public InputCache Cache { get; }

    public string OutputDirectory { get; }

    public FakeTaskTransport Transport { get; } = new();

    public RemoteAttemptOptions Options { get; } = new();

    public RemoteAttemptRunner Runner { get; }

    public ExecutorSide Executor { get; }

    public DateTimeOffset Now => Tasks.Time.GetUtcNow();

    public TaskSpec Spec(IReadOnlyList<TaskInputFile>? inputs = null) => new()
    {
        Argv = ["sh", "-c", "echo hi"],
        Inputs = inputs ?? [],
        Outputs = ["*"],
        OutputDirectory = OutputDirectory,
        Resources = new ResourceVector(1, 1 << 20, 0, 0),
    };

    /// <summary>Submits a task and starts an attempt on <see cref="Peer"/>, as the task service does before it calls the runner.</summary>
    public (TaskRecord Record, AttemptId Attempt) Start(TaskSpec? spec = null)
    {
        var submitted = Store.Submit(TaskStoreHarness.Origin, spec ?? Spec());
        var attempt = AttemptId.New();
        Assert.That(Store.TryStartAttempt(submitted.Id, attempt, Peer, Now + TimeSpan.FromSeconds(30)), Is.True);
        return (Store.Get(submitted.Id)!, attempt);
    }

    public Task<RemoteAttemptOutcome> RunAsync(TaskRecord record, AttemptId attempt, CancellationToken kill = default) =>
        Task.Run(() => Runner.RunAsync(record, attempt, Peer, kill));

    public async Task<TaskInputFile> AddInputAsync(string name, byte[] content)
    {
        var source = Path.Combine(Tasks.Directory, "source-" + name);
        await File.WriteAllBytesAsync(source, content);
        return await Cache.AddAsync(source, name);
    }

    public static TaskOutputFile FileOf(string name, byte[] content) => new(name, Convert.ToHexStringLower(SHA256.HashData(content)), content.Length);

    public void Dispose() => Tasks.Dispose();
}
