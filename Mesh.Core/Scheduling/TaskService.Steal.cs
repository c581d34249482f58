using Mesh.Core.Remote;
using Mesh.Core.Resources;
using Mesh.Core.Tasks;
using Mesh.Core.Tasks.Wire;
using Mesh.Libp2p.Channels;

namespace Mesh.Core.Scheduling;

/// <content>
/// The victim's side of work stealing: a peer with free surplus asks for work; this node hands it up to about half of
/// its excess (what its own slots cannot start now) that fits the thief's surplus, each as a fresh attempt leased to
/// the thief and run over the usual run stream. Queued tasks only: a task under a live lease is never offered again.
/// </content>
public sealed partial class TaskService : ITaskStealServer
{
    // Mean duration of the attempts run so far (exponentially weighted), in ms; NaN before the first.
    private double _meanDurationMs = double.NaN;

    /// <inheritdoc />
    public async Task ServeStealAsync(StealRequestMessage request, IDuplexChannel stream, string thief, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(stream);

        // The thief names itself; only the peer on the other end of the stream may ask for itself.
        var items = request.Thief.ToString() == thief && Remote is not null && !_disposed
            ? Offer(thief, request.Surplus, request.MaxTasks)
            : [];
        LogStealServed(_logger, thief, items.Count);
        try
        {
            await TaskWireStream.WriteAsync(stream.Output, new StealOfferMessage(items), cancellationToken: cancellationToken).ConfigureAwait(false);
            await stream.CloseWriteAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or Libp2p.Libp2pException or InvalidOperationException)
        {
            // The offered attempts run regardless: their run streams are separate, and a lost offer loses nothing.
            LogStealAnswerLost(_logger, thief, ex.Message);
        }
    }

    private List<StealOfferItem> Offer(string thief, ResourceVector surplus, int maxTasks)
    {
        var queued = QueuedCount();
        var excess = queued - _slots.Free;
        if (excess <= 0 || maxTasks <= 0 || !WorthMoving(queued))
        {
            return [];
        }

        var budget = Math.Min(Math.Min(maxTasks, (excess + 1) / 2), TaskWireLimits.Default.MaxStealTasks);

        // The thief's word, less what this node already sent it that it may not have counted yet (the same account the
        // placement keeps, so a steal and a placement never book one free slot twice).
        var room = surplus;
        if (Remote!.Peers().Peers.FirstOrDefault(p => p.Entry.Peer.ToString() == thief) is { } row)
        {
            room = ResourceVector.Min(room, (row.Entry.Surplus - row.Entry.InUse - PendingOn(row)).ClampToZero());
        }

        var items = new List<StealOfferItem>();
        foreach (var summary in _store.ListQueued(null, _options.SchedulerLookahead))
        {
            if (items.Count >= budget)
            {
                break;
            }

            if (summary.Placement == PlacementKind.LocalOnly || !summary.Resources.FitsWithin(room)
                || _store.Get(summary.Id) is not { State: TaskState.Queued } record)
            {
                continue;
            }

            if (record.Spec.Placement.Kind == PlacementKind.OnPeer && record.Spec.Placement.Peer != thief)
            {
                continue;
            }

            var now = _time.GetUtcNow();
            var attempt = new RunningAttempt(record.Id, AttemptId.New(), null, thief) { Request = record.Spec.Resources, StartedAt = now };
            if (Register(attempt, record, () => RunRemoteAsync(record, attempt)))
            {
                LogStartedRemote(_logger, record.Id.ToString(), attempt.AttemptId.ToString(), thief);
                items.Add(new StealOfferItem(attempt.AttemptId, record.Id, record.Spec, now + Remote!.Runner.LeaseDuration));
                room = (room - record.Spec.Resources).ClampToZero();
            }
        }

        return items;
    }

    // Moving work costs a round of the task protocol; a backlog this node clears by itself soon is not worth it.
    private bool WorthMoving(int queued)
    {
        double mean;
        lock (_lock)
        {
            mean = _meanDurationMs;
        }

        if (double.IsNaN(mean))
        {
            return true;
        }

        var drain = queued * mean / Math.Max(1, _slots.Total);
        return drain >= Remote!.StealMinBacklog.TotalMilliseconds;
    }

    private void RecordDuration(RunningAttempt attempt)
    {
        var ms = (_time.GetUtcNow() - attempt.StartedAt).TotalMilliseconds;
        lock (_lock)
        {
            _meanDurationMs = double.IsNaN(_meanDurationMs) ? ms : (0.8 * _meanDurationMs) + (0.2 * ms);
        }
    }
}
