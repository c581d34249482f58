using Mesh.Core.Execution;

namespace Mesh.Tests.Core.Remote.Guests;

/// <summary>An executor that runs a delegate instead of a process.</summary>
internal sealed class FakeExecutor(Func<ExecutionRequest, CancellationToken, Task<ExecutionResult>> run) : ILocalExecutor
{
    public IsolationReport Isolation { get; } = new() { Enforced = [], Missing = [] };

    public List<ExecutionRequest> Requests { get; } = [];

    /// <summary>Exits with <paramref name="exitCode"/> at once.</summary>
    public static FakeExecutor Exiting(int exitCode = 0) => new((_, _) => Task.FromResult(Result(ExecutionOutcome.Exited, exitCode)));

    /// <summary>Runs until killed, then reports Cancelled; <paramref name="started"/> completes when it runs.</summary>
    public static FakeExecutor UntilKilled(TaskCompletionSource started) => new(async (_, cancellationToken) =>
    {
        started.TrySetResult();
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }

        return Result(ExecutionOutcome.Cancelled, 137, signal: 9);
    });

    public static ExecutionResult Result(ExecutionOutcome outcome, int? exitCode, int? signal = null, string? workingDirectory = null) => new()
    {
        Outcome = outcome,
        ExitCode = exitCode,
        Signal = signal,
        StartedAt = DateTimeOffset.UnixEpoch,
        FinishedAt = DateTimeOffset.UnixEpoch.AddSeconds(2),
        Usage = new ExecutionUsage(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(0.5), 4096),
        WorkingDirectory = workingDirectory,
    };

    public Task<ExecutionResult> ExecuteAsync(ExecutionRequest request, CancellationToken cancellationToken = default)
    {
        lock (Requests)
        {
            Requests.Add(request);
        }

        return run(request, cancellationToken);
    }
}
