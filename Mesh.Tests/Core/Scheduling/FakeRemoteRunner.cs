using System.Collections.Concurrent;
using Mesh.Core.Remote;
using Mesh.Core.Remote.Dispatch;
using Mesh.Core.Tasks;

namespace Mesh.Tests.Core.Scheduling;

/// <summary>Plays the remote side for the task service: records each attempt and answers with what the test decides.</summary>
internal sealed class FakeRemoteRunner : IRemoteAttemptRunner
{
    private readonly Func<TaskRecord, AttemptId, string, TaskStore?, Task<RemoteAttemptOutcome>> _answer;

    public FakeRemoteRunner(Func<TaskRecord, AttemptId, string, TaskStore?, RemoteAttemptOutcome> answer) =>
        _answer = (record, attempt, peer, store) => Task.FromResult(answer(record, attempt, peer, store));

    /// <summary>A runner whose attempts last until the answer's task completes (a remote run in progress).</summary>
    public FakeRemoteRunner(Func<TaskRecord, AttemptId, string, TaskStore?, Task<RemoteAttemptOutcome>> answer) => _answer = answer;

#pragma warning disable CS0067 // The fake stores no output.
    public event EventHandler? OutputStored;
#pragma warning restore CS0067

    public TimeSpan LeaseDuration => TimeSpan.FromSeconds(30);

    public TimeSpan ResumeGrace => TimeSpan.FromMilliseconds(50);

    /// <summary>Attempts asked of peers, in order: the task, the attempt and the peer.</summary>
    public ConcurrentQueue<(TaskId Task, AttemptId Attempt, string Peer)> Calls { get; } = new();

    /// <summary>The store the answers may complete tasks in (set by the test once the harness exists).</summary>
    public TaskStore? Store { get; set; }

    /// <summary>An executor that runs everything and exits with <paramref name="exitCode"/>.</summary>
    public static FakeRemoteRunner Succeeding(int exitCode = 0) => new((record, attempt, _, store) =>
        new RemoteAttemptOutcome(
            RemoteAttemptEnd.Completed,
            store!.TryComplete(record.Id, attempt, new TaskResult { Reason = TaskEndReason.Exited, ExitCode = exitCode })));

    public Task<RemoteAttemptOutcome> RunAsync(TaskRecord record, AttemptId attempt, string peer, CancellationToken kill)
    {
        Calls.Enqueue((record.Id, attempt, peer));
        return _answer(record, attempt, peer, Store);
    }
}
