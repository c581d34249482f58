using Mesh.Core.Ledger;
using Mesh.Core.Remote;

namespace Mesh.Core.Scheduling;

/// <summary>What <see cref="TaskService"/> needs to place tasks on other peers.</summary>
/// <param name="Runner">Runs an attempt on a peer.</param>
/// <param name="Peers">The ledger's peer table now: who is there, what each can take.</param>
public sealed record RemoteExecution(IRemoteAttemptRunner Runner, Func<PeerTableSnapshot> Peers)
{
    /// <summary>How long a peer that refused or could not be reached is passed over. Default 5 s.</summary>
    public TimeSpan RetryPeerAfter { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a peer that had no room for a task is passed over: its ledger entry was older than its load, and it
    /// frees up as soon as a task of its own ends. Default 50 ms.
    /// </summary>
    public TimeSpan BusyPeerPause { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// How long before a ledger entry was issued an attempt sent to that peer must have started to count as included in
    /// it: a RunRequest in flight is not in an entry issued meanwhile. Default 100 ms.
    /// </summary>
    public TimeSpan EntryLag { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// How long before this node hears that an attempt ended its peer may already have freed its room (the result's way
    /// back): an entry issued within this of the end may not count the attempt any more. Default 20 ms.
    /// </summary>
    public TimeSpan EndLag { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>How long a peer that refused this node (not allowed, or a spec it will not run) is passed over for tasks that may go elsewhere. Default 60 s.</summary>
    public TimeSpan AvoidRefuserFor { get; init; } = TimeSpan.FromSeconds(60);


    /// <summary>
    /// Work is given to a peer that asks (steals) only when this node's queue would take longer than this to run on its
    /// own slots, judged from the durations of the tasks run so far: moving a short backlog costs more than it saves.
    /// Default 200 ms.
    /// </summary>
    public TimeSpan StealMinBacklog { get; init; } = TimeSpan.FromMilliseconds(200);

}
