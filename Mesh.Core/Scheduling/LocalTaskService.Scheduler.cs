using Mesh.Core.Tasks;

namespace Mesh.Core.Scheduling;

/// <content>The scheduler: one loop, woken by submissions, ends and cancels, or every idle interval (the surplus moves).</content>
public sealed partial class LocalTaskService
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
        var total = TotalSlots;
        int free;
        lock (_lock)
        {
            free = total - _usedSlots;
        }

        if (free > 0)
        {
            // Each task takes at least one slot, so at most `free` of the oldest can start now.
            foreach (var queued in _store.ListQueued(null, free))
            {
                if (!CanRunHere(queued.Placement, null))
                {
                    continue;
                }

                var slots = SlotsFor(queued.Resources.Cpu, total);
                if (!TryStart(queued.Id, slots, total))
                {
                    break;
                }
            }
        }

        Volatile.Write(ref _queued, QueuedCount());
    }

    private static int SlotsFor(double cpu, int total) =>
        Math.Clamp(double.IsFinite(cpu) ? (int)Math.Ceiling(cpu) : 1, 1, total);

    // False when the task does not fit (first in, first out: nothing behind it starts either).
    private bool TryStart(TaskId id, int slots, int total)
    {
        var record = _store.Get(id);
        if (record is null || record.State != TaskState.Queued)
        {
            return true;
        }

        RunningAttempt attempt;
        lock (_lock)
        {
            if (_usedSlots + slots > total)
            {
                return false;
            }

            var attemptId = AttemptId.New();

            // Under the lock: a cancel that finds the task running here also finds its attempt registered.
            if (!_store.TryStartAttempt(id, attemptId, _self, _time.GetUtcNow() + _options.LeaseDuration))
            {
                return true;
            }

            attempt = new RunningAttempt(id, attemptId, slots, record.Spec.Resources);
            _running.Add(id, attempt);
            _usedSlots += slots;
            _inUse += attempt.Request;

            // Set before the lock is released, so whoever finds the attempt can await its end.
            attempt.Completion = Task.Run(() => RunAttemptAsync(record, attempt), CancellationToken.None);
        }

        LogStarted(_logger, id.ToString(), attempt.AttemptId.ToString(), slots, total);
        _changes.Notify();
        return true;
    }

    private void Finished(RunningAttempt attempt)
    {
        lock (_lock)
        {
            _running.Remove(attempt.TaskId);
            _usedSlots -= attempt.Slots;
            _inUse = (_inUse - attempt.Request).ClampToZero();
        }

        Changed();
    }

    // Raises LoadChanged when the load changed and the last report is old enough; returns how long until a
    // held-back report is due (null when none is held back).
    private TimeSpan? ReportLoad()
    {
        var now = _time.GetUtcNow();
        (int, int, Resources.ResourceVector) load;
        lock (_lock)
        {
            load = (Volatile.Read(ref _queued), _running.Count, _inUse);
        }

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

    private bool CanRunHere(PlacementKind kind, string? peer) => kind switch
    {
        PlacementKind.Any or PlacementKind.LocalOnly => true,
        PlacementKind.OnPeer => peer is null || peer == _self,
        _ => false,
    };
}
