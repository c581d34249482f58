using Mesh.Core.Execution;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mesh.Tests.Core.Execution;

/// <summary>A local executor over a temporary work root, removed (with its task dirs) on dispose.</summary>
internal sealed class ExecutorHarness : IDisposable
{
    private static int _attempt;
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("mesh-exec-");

    public ExecutorHarness(bool bubblewrap = false, Action<LocalExecutorOptions>? configure = null)
    {
        Options = new LocalExecutorOptions
        {
            WorkRoot = Path.Combine(_root.FullName, "work"),
            UseBubblewrap = bubblewrap,
            KillGracePeriod = TimeSpan.FromMilliseconds(300),
            OutputDrainTimeout = TimeSpan.FromMilliseconds(500),
            CgroupName = "mesh-tasks-test",
        };
        configure?.Invoke(Options);
        Executor = new LocalExecutor(Options, TimeProvider.System, NullLogger<LocalExecutor>.Instance);
    }

    public LocalExecutorOptions Options { get; }

    public LocalExecutor Executor { get; }

    /// <summary>A harness whose executor runs tasks in bubblewrap, or the test is ignored saying why it cannot be.</summary>
    /// <param name="whenMissing">What the ignore says when bwrap is not installed.</param>
    public static ExecutorHarness SandboxedOrIgnore(string whenMissing)
    {
        if (!File.Exists("/usr/bin/bwrap"))
        {
            Assert.Ignore(whenMissing);
        }

        var harness = new ExecutorHarness(bubblewrap: true);
        if (!harness.Enforces("bubblewrap"))
        {
            harness.Dispose();
            Assert.Ignore($"bwrap cannot run here: {string.Join("; ", harness.Executor.Isolation.Missing)}");
        }

        return harness;
    }

    public static ExecutionRequest Request(params string[] argv) => new()
    {
        TaskId = "t" + Environment.ProcessId,
        AttemptId = "a" + Interlocked.Increment(ref _attempt),
        Argv = argv,
    };

    public Task<ExecutionResult> RunAsync(ExecutionRequest request, CancellationToken cancellationToken = default) =>
        Executor.ExecuteAsync(request, cancellationToken);

    public bool Enforces(string words) => Executor.Isolation.Enforced.Any(e => e.Contains(words, StringComparison.Ordinal));

    public void Dispose() => _root.Delete(recursive: true);
}
