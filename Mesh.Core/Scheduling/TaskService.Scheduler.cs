using Mesh.Core.Tasks;

namespace Mesh.Core.Scheduling;

/// <content>The scheduler: one loop, woken by submissions, ends and cancels, or every idle interval (the surplus moves).</content>
public sealed partial class TaskService
{
    private async Task ScheduleAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var wait = _options.SchedulerIdleInterval;
            try
            {
                StartWhatFits();
                wait = ReportLoad() is { } untilReport && untilReport < wait ? untilReport : wait;
            }
#pragma warning disable CA1031 // A failed pass (a database error) must not end scheduling; the next pass retries.
            catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
            {
                LogSchedulerFailed(_logger, ex);
            }

            using var idle = new CancellationTokenSource(wait, _time);
            using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, idle.Token);
            try
            {
                if (await _wake.Reader.WaitToReadAsync(either.Token).ConfigureAwait(false))
                {
                    _wake.Reader.TryRead(out _);
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The idle interval passed: look again.
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void StartWhatFits()
    {
        RequeueExpiredLeases();
        var snapshot = Remote?.Peers();
        var now = _time.GetUtcNow();
        var localBlocked = false;

        // A bounded look at the head of the queue: tasks that can go nowhere now do not stop those behind them from
        // going to another peer, but this node's own slots are taken first in, first out.
        foreach (var queued in _store.ListQueued(null, _options.SchedulerLookahead))
        {
            var kind = queued.Placement;
            var remoteAllowed = snapshot is not null && kind is PlacementKind.Any or PlacementKind.RemoteOnly or PlacementKind.OnPeer;
            if (remoteAllowed && TryStartRemote(queued.Id, snapshot!, now))
            {
                continue;
            }

            if (localBlocked || kind == PlacementKind.RemoteOnly || _slots.Free == 0)
            {
                localBlocked |= kind != PlacementKind.RemoteOnly;
                continue;
            }

            if (!TryStartLocal(queued.Id))
            {
                localBlocked = true;
            }
        }

        Volatile.Write(ref _queued, QueuedCount());
    }

    // False when the task could run here but does not fit now (first in, first out: no local task behind it starts).
    private bool TryStartLocal(TaskId id)
    {
        var record = _store.Get(id);
        if (record is null || record.State != TaskState.Queued)
        {
            return true;
        }

        if (!CanRunHere(record.Spec.Placement))
        {
            return true;
        }

        var reservation = _slots.TryTake(record.Spec.Resources);
        if (reservation is null)
        {
            return false;
        }

        var attempt = new RunningAttempt(id, AttemptId.New(), reservation, null) { Request = record.Spec.Resources, StartedAt = _time.GetUtcNow() };
        if (!Register(attempt, record, () => RunAttemptAsync(record, attempt)))
        {
            reservation.Dispose();
            return true;
        }

        LogStarted(_logger, id.ToString(), attempt.AttemptId.ToString(), reservation.Slots, _slots.Total);
        return true;
    }

    // Records the attempt's start in the store and starts it; false when the task was no longer queued.
    private bool Register(RunningAttempt attempt, TaskRecord record, Func<Task> run)
    {
        var lease = attempt.Peer is null ? _options.LeaseDuration : Remote!.Runner.LeaseDuration;
        RunningAttempt? stale;
        lock (_lock)
        {
            // Under the lock: a cancel that finds the task running also finds its attempt registered.
            if (!_store.TryStartAttempt(record.Id, attempt.AttemptId, attempt.Peer ?? _self, _time.GetUtcNow() + lease))
            {
                attempt.Dispose();
                return false;
            }

            // The store gave the task a new attempt, so an older one still tracked here is no longer its current one:
            // one that handed the task back (refused, unreachable) and is winding down, or one whose lease ran out
            // while its peer fell silent. It is retired (awaited at the stop) and told to stop.
            if (_running.Remove(record.Id, out stale))
            {
                _retired.Add(stale);
            }

            _running.Add(record.Id, attempt);

            // Set before the lock is released, so whoever finds the attempt can await its end.
            attempt.Completion = Task.Run(run, CancellationToken.None);
        }

        stale?.RequestKill();

        _changes.Notify();
        return true;
    }

    private void Finished(RunningAttempt attempt)
    {
        lock (_lock)
        {
            if (_running.TryGetValue(attempt.TaskId, out var current) && current == attempt)
            {
                _running.Remove(attempt.TaskId);
            }
            else
            {
                _retired.Remove(attempt);
            }
        }

        attempt.Slots?.Dispose();
        Changed();
    }

    // Raises LoadChanged when the load changed and the last report is old enough; returns how long until a
    // held-back report is due (null when none is held back).
    private TimeSpan? ReportLoad()
    {
        var now = _time.GetUtcNow();
        var load = (Volatile.Read(ref _queued), _slots.Holders, _slots.InUse);

        if (load == _reported)
        {
            return null;
        }

        var due = _reportedAt + _options.LoadReportInterval;
        if (now < due)
        {
            return due - now;
        }

        _reported = load;
        _reportedAt = now;
        LoadChanged?.Invoke(this, EventArgs.Empty);
        return null;
    }

    private bool CanRunHere(TaskPlacement placement) => placement.Kind switch
    {
        PlacementKind.Any or PlacementKind.LocalOnly => true,
        PlacementKind.OnPeer => placement.Peer is null || placement.Peer == _self,
        _ => false,
    };
}
