using Mesh.Core.Remote.Dispatch;
using Mesh.Core.Tasks;

namespace Mesh.Core.Remote;

/// <summary>Runs one attempt of this node's task on another peer (the origin's side of a run).</summary>
public interface IRemoteAttemptRunner
{
    /// <summary>How long a lease the origin grants a remote attempt per renewal.</summary>
    TimeSpan LeaseDuration { get; }

    /// <summary>How long an attempt whose stream broke (or whose origin restarted) waits for its executor to come back with a result.</summary>
    TimeSpan ResumeGrace { get; }

    /// <summary>Raised after output of a remote attempt was stored (readers following a task's output look again).</summary>
    event EventHandler? OutputStored;

    /// <summary>
    /// Runs <paramref name="attempt"/> of <paramref name="record"/> on <paramref name="peer"/>; the caller has already
    /// started the attempt in the store. Returns when the attempt is over for the origin; never throws for anything the
    /// peer did.
    /// </summary>
    /// <param name="record">The task.</param>
    /// <param name="attempt">The attempt, started in the store with <paramref name="peer"/> as executor.</param>
    /// <param name="peer">The executor's peer id.</param>
    /// <param name="kill">Cancelled when the task is cancelled: the executor is told to stop.</param>
    Task<RemoteAttemptOutcome> RunAsync(TaskRecord record, AttemptId attempt, string peer, CancellationToken kill);
}
