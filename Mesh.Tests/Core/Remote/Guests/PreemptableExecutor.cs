using System.Collections.Concurrent;
using Mesh.Core.Execution;

namespace Mesh.Tests.Core.Remote.Guests;

/// <summary>An executor whose attempts run until killed and which records suspend, resume and throttle calls.</summary>
internal sealed class PreemptableExecutor : ILocalExecutor
{
    private readonly ConcurrentDictionary<string, bool> _running = new();
    private readonly ConcurrentQueue<string> _calls = new();

    public IsolationReport Isolation { get; } = new() { Enforced = [], Missing = [], CanThrottle = true };

    /// <summary>Whether TryThrottle succeeds (false: as on a machine without a cpu cgroup).</summary>
    public bool CanThrottle { get; init; } = true;

    /// <summary>Attempts whose "process" runs now.</summary>
    public int Started => _running.Count;

    /// <summary>Each call in order: "suspend A", "resume A", "throttle A 0.5", "throttle A own".</summary>
    public IReadOnlyList<string> Calls => [.. _calls];

    public async Task<ExecutionResult> ExecuteAsync(ExecutionRequest request, CancellationToken cancellationToken = default)
    {
        _running[request.AttemptId] = true;
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            _running.TryRemove(request.AttemptId, out _);
        }

        return FakeExecutor.Result(ExecutionOutcome.Cancelled, 137, signal: 9);
    }

    public bool TrySuspend(string attemptId) => Record(attemptId, $"suspend {attemptId}");

    public bool TryResume(string attemptId) => Record(attemptId, $"resume {attemptId}");

    public bool TryThrottle(string attemptId, double? cores) =>
        CanThrottle && Record(attemptId, $"throttle {attemptId} {(cores is { } c ? c.ToString(System.Globalization.CultureInfo.InvariantCulture) : "own")}");

    private bool Record(string attemptId, string call)
    {
        if (!_running.ContainsKey(attemptId))
        {
            return false;
        }

        _calls.Enqueue(call);
        return true;
    }
}
