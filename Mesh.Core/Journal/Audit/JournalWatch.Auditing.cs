using Mesh.Core.Remote;
using Mesh.Libp2p.Identity;

namespace Mesh.Core.Journal.Audit;

public sealed partial class JournalWatch
{
    /// <summary>Starts the audits that are due, then sleeps until woken or until the next one falls due.</summary>
    private async Task RunAsync(CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                SaveStateIfChanged();
                var wait = StartDueAudits(stop);
                using var sleep = CancellationTokenSource.CreateLinkedTokenSource(stop);
                var woken = _wake.Reader.WaitToReadAsync(sleep.Token).AsTask();
                var due = wait is { } delay ? Task.Delay(delay, _time, sleep.Token) : Task.Delay(Timeout.Infinite, sleep.Token);
                await Task.WhenAny(woken, due).ConfigureAwait(false);
                await sleep.CancelAsync().ConfigureAwait(false);
                _wake.Reader.TryRead(out _);
                await Task.WhenAll(Quietly(woken), Quietly(due)).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Disposing.
        }
#pragma warning disable CA1031 // A loop that must not die silently: log whatever ended it.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogLoopFailed(_logger, ex);
        }
    }

    /// <summary>Starts every due audit there is room for; returns how long until the next deferred one is due (null: none waits).</summary>
    private TimeSpan? StartDueAudits(CancellationToken stop)
    {
        var now = _time.GetUtcNow();
        TimeSpan? next = null;
        lock (_gate)
        {
            foreach (var (peer, record) in _peers)
            {
                if (!record.WantsAudit)
                {
                    continue;
                }

                var dueAt = record.LastAuditAt + _options.AuditInterval ?? now;
                if (dueAt > now)
                {
                    next = next is { } soonest && soonest < dueAt - now ? soonest : dueAt - now;
                    continue;
                }

                if (_audits.Count >= _options.MaxConcurrentAudits)
                {
                    // A finishing audit wakes the loop.
                    continue;
                }

                record.Auditing = true;
                record.LastAuditAt = now;
                var from = record.Verified;
                var to = record.Pending!;

                // The task removes itself under the lock, which this thread holds until it is added: never before.
                Task? audit = null;
                audit = Task.Run(
                    async () =>
                    {
                        await AuditAsync(peer, from, to, stop).ConfigureAwait(false);
                        lock (_gate)
                        {
                            _audits.Remove(audit!);
                        }

                        _wake.Writer.TryWrite(true);
                    },
                    CancellationToken.None);
                _audits.Add(audit);
            }
        }

        return next;
    }

    private async Task AuditAsync(PeerId peer, JournalHead from, JournalHead to, CancellationToken stop)
    {
        try
        {
            var outcome = await CheckAsync(peer, from, to, stop).ConfigureAwait(false);
            Settle(peer, outcome);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Disposing.
        }
        catch (Exception ex) when (ex is PeerUnreachableException or JournalProtocolException)
        {
            // Unreachable, busy or a garbled answer: nothing proves a rewrite; the verified head stays, retried later.
            LogAuditDeferred(_logger, peer, ex.Message);
        }
#pragma warning disable CA1031 // An audit's bug must not take the watch down: log it, retry later.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogAuditFailed(_logger, peer, ex);
        }
        finally
        {
            lock (_gate)
            {
                if (_peers.TryGetValue(peer, out var record))
                {
                    record.Auditing = false;
                }
            }
        }
    }

    private void Settle(PeerId peer, AuditOutcome outcome)
    {
        string? fork = null;
        lock (_gate)
        {
            if (!_peers.TryGetValue(peer, out var record) || record.Status == JournalPeerStatus.Forked)
            {
                return;
            }

            if (outcome.Problem is { } problem)
            {
                fork = problem;
                record.Fork(problem);
            }
            else if (outcome.Reached.Height > record.Verified.Height)
            {
                record.Verified = outcome.Reached;
                StateChanged();
                if (record.Pending is { } pending && pending.Height <= outcome.Reached.Height)
                {
                    record.Pending = null;
                }
            }
        }

        if (fork is not null)
        {
            LogForked(_logger, peer, fork);
            return;
        }

        LogAudited(_logger, peer, outcome.Reached.Height);
        if (outcome.StoppedEarly is { } reason)
        {
            LogAuditDeferred(_logger, peer, reason);
        }
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The other wait won.
        }
    }
}
