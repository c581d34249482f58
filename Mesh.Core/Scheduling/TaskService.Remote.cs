using Mesh.Core.Ledger;
using Mesh.Core.Remote.Dispatch;
using Mesh.Core.Resources;
using Mesh.Core.Tasks;
using Mesh.Core.Tasks.Wire;

namespace Mesh.Core.Scheduling;

/// <content>Placing tasks on other peers, and what to do when a peer says no, cannot be reached, or drops out.</content>
public sealed partial class TaskService
{
    // Peers passed over until a time (they refused, or could not be reached); under _lock.
    private readonly Dictionary<string, DateTimeOffset> _passOver = new(StringComparer.Ordinal);

    // This node's attempts that ended at each peer, kept until that peer's ledger entry is newer than their end; under _lock.
    private readonly Dictionary<string, List<(DateTimeOffset Started, DateTimeOffset Ended, ResourceVector Request)>> _endedOn = new(StringComparer.Ordinal);

    // True when the task went to another peer or must wait for one; false when it may run here instead.
    private bool TryStartRemote(TaskId id, PeerTableSnapshot snapshot, DateTimeOffset now)
    {
        var record = _store.Get(id);
        if (record is null || record.State != TaskState.Queued)
        {
            return true;
        }

        var placement = record.Spec.Placement;
        string peer;
        if (placement.Kind == PlacementKind.OnPeer)
        {
            if (placement.Peer is null || placement.Peer == _self)
            {
                return false;
            }

            // The named peer only: wait while it is passed over, absent from the table or busy.
            var named = snapshot.Peers.FirstOrDefault(p => p.Entry.Peer.ToString() == placement.Peer);
            if (IsPassedOver(placement.Peer, now) || named is null || !PeerChooser.CanTakeNow(named.Entry, record.Spec, PendingOn(named)))
            {
                return true;
            }

            peer = placement.Peer;
        }
        else
        {
            var best = PeerChooser.BestRemote(snapshot.Peers, record.Spec, PendingOn, p => IsPassedOver(p, now));
            if (best is null)
            {
                return false;
            }

            peer = best.Entry.Peer.ToString();
        }

        var attempt = new RunningAttempt(id, AttemptId.New(), null, peer) { Request = record.Spec.Resources, StartedAt = _time.GetUtcNow() };
        if (Register(attempt, record, () => RunRemoteAsync(record, attempt)))
        {
            LogStartedRemote(_logger, id.ToString(), attempt.AttemptId.ToString(), peer);
        }

        return true;
    }

    private async Task RunRemoteAsync(TaskRecord record, RunningAttempt attempt)
    {
        var id = attempt.TaskId.ToString();
        var peer = attempt.Peer!;
        try
        {
            var outcome = await Remote!.Runner.RunAsync(record, attempt.AttemptId, peer, attempt.Kill.Token).ConfigureAwait(false);
            switch (outcome.Kind)
            {
                case RemoteAttemptEnd.Completed:
                    RecordDuration(attempt);
                    Released(attempt);
                    LogRemoteEnded(_logger, id, attempt.AttemptId.ToString(), peer, outcome.Completion?.ToString() ?? "no result");
                    break;
                case RemoteAttemptEnd.Refused:
                    Refused(record, attempt, outcome);
                    break;
                case RemoteAttemptEnd.Evicted:
                    // The runner put it back in the queue; the peer's owner wants the machine, so look elsewhere first.
                    PassOver(peer, Remote.RetryPeerAfter);
                    LogRemoteEnded(_logger, id, attempt.AttemptId.ToString(), peer, outcome.Message ?? "evicted");
                    break;
                case RemoteAttemptEnd.Unreachable:
                    PassOver(peer, Remote.RetryPeerAfter);
                    _store.TryReturnToQueue(attempt.TaskId, attempt.AttemptId, $"peer {peer} could not be reached: {outcome.Message}");
                    break;
                default:
                    // The runner shortened the lease: the executor may still deliver a finished result; else it expires.
                    LogRemoteBroken(_logger, id, attempt.AttemptId.ToString(), peer, outcome.Message ?? "the stream broke");
                    break;
            }
        }
#pragma warning disable CA1031 // A failure in the node (not the task) must not take the service down; the lease then expires.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogAttemptFailed(_logger, id, attempt.AttemptId.ToString(), ex);
        }
        finally
        {
            Finished(attempt);
            attempt.Dispose();
        }
    }

    // A busy or stopping peer is asked again shortly; a peer that will not run this node's task is avoided, and a task
    // that may run nowhere else fails with the peer's words, so the submitter learns why.
    private void Refused(TaskRecord record, RunningAttempt attempt, RemoteAttemptOutcome outcome)
    {
        var peer = attempt.Peer!;
        var message = $"peer {PeerName(peer)} refused it: {outcome.Message ?? outcome.Refusal?.ToString() ?? "no reason given"}";
        LogRemoteRefused(_logger, attempt.TaskId.ToString(), peer, message);
        var refusesUs = outcome.Refusal is RunRefusalReason.NotAllowed or RunRefusalReason.BadSpec;
        PassOver(peer, refusesUs ? Remote!.AvoidRefuserFor : outcome.Refusal == RunRefusalReason.NoCapacity ? Remote!.BusyPeerPause : Remote!.RetryPeerAfter);
        var kind = record.Spec.Placement.Kind;
        var nowhereElse = kind == PlacementKind.OnPeer
            || (kind == PlacementKind.RemoteOnly && !AnyOtherPeerCouldRun(record.Spec, _time.GetUtcNow()));
        if (refusesUs && nowhereElse)
        {
            // The refusal was logged above; the task ends with the peer's words as its error.
            _store.TryComplete(attempt.TaskId, attempt.AttemptId, new TaskResult { Reason = TaskEndReason.StartFailed, Message = message });
            return;
        }

        _store.TryReturnToQueue(attempt.TaskId, attempt.AttemptId, message);
    }

    private bool AnyOtherPeerCouldRun(TaskSpec spec, DateTimeOffset now) =>
        Remote!.Peers().Peers.Any(p => !p.IsSelf && !IsPassedOver(p.Entry.Peer.ToString(), now) && PeerChooser.CouldEverRun(p.Entry, spec, isSelf: false));

    private string PeerName(string peer)
    {
        var row = Remote?.Peers().Peers.FirstOrDefault(p => p.Entry.Peer.ToString() == peer);
        return row is null || string.IsNullOrEmpty(row.Entry.Name) ? peer : $"\"{row.Entry.Name}\" ({peer})";
    }

    // What of this node's work the peer's newest entry does not show yet: attempts sent since it was issued (it cannot
    // count them), less attempts that were running when it was issued and have ended since (it still counts them).
    // Without the second part a peer would look busy until its next entry, a second or more after it became free.
    // An attempt counts as in the entry only when it started well before the entry was issued
    // (RemoteExecution.EntryLag): one sent just before may not have reached the peer yet. The entry's issue time is the
    // peer's clock, compared with this node's: on a LAN they agree within milliseconds; a misjudged peer costs a refusal.
    private ResourceVector PendingOn(LedgerPeer peer)
    {
        var id = peer.Entry.Peer.ToString();
        var issued = peer.Entry.IssuedAt;
        var lag = Remote!.EntryLag;
        var sent = ResourceVector.Zero;
        var freed = ResourceVector.Zero;
        lock (_lock)
        {
            foreach (var attempt in _running.Values)
            {
                if (attempt.Peer == id && attempt.StartedAt >= issued - lag)
                {
                    sent += attempt.Request;
                }
            }

            // An attempt frees its room at the peer when its process ends, a little before this node hears of it (the
            // result's round trip): an entry issued that close to its end may already leave it out, so only later ends count.
            if (_endedOn.TryGetValue(id, out var ended))
            {
                var heard = Remote.EndLag;
                ended.RemoveAll(e => e.Ended - heard <= issued);
                foreach (var (started, _, request) in ended)
                {
                    if (started < issued - lag)
                    {
                        freed += request;
                    }
                }
            }
        }

        // The entry cannot have counted more of this node's work than it shows in use at all.
        return sent - ResourceVector.Min(freed, peer.Entry.InUse);
    }

    private void Released(RunningAttempt attempt)
    {
        lock (_lock)
        {
            if (!_endedOn.TryGetValue(attempt.Peer!, out var ended))
            {
                _endedOn[attempt.Peer!] = ended = [];
            }

            // Bounded even for a peer whose entries stop coming: an end a minute old is in any entry worth reading.
            var now = _time.GetUtcNow();
            ended.RemoveAll(e => now - e.Ended > TimeSpan.FromMinutes(1));
            ended.Add((attempt.StartedAt, now, attempt.Request));
        }
    }

    private void PassOver(string peer, TimeSpan period)
    {
        lock (_lock)
        {
            _passOver[peer] = _time.GetUtcNow() + period;
        }
    }

    private bool IsPassedOver(string peer, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (!_passOver.TryGetValue(peer, out var until))
            {
                return false;
            }

            if (until > now)
            {
                return true;
            }

            _passOver.Remove(peer);
            return false;
        }
    }

    private void RequeueExpiredLeases()
    {
        foreach (var (lease, outcome) in _store.RequeueExpired(_time.GetUtcNow()))
        {
            LogRequeued(_logger, lease.TaskId.ToString(), lease.Attempt.ToString(), $"its lease on {lease.Executor} expired", outcome.ToString());
        }
    }
}
