using Mesh.Core.Tasks;
using Mesh.Core.Tasks.Wire;

namespace Mesh.Core.Remote.Guests;

/// <content>
/// Redelivery of stored results (remote-contract "Redelivery"): one owned loop visits the origins owed results, at
/// start (found by their folders), after a broken delivery with backoff, and at once when an origin connects.
/// </content>
public sealed partial class GuestTaskHost
{
    private static readonly TimeSpan RedeliveryLease = TimeSpan.FromSeconds(30);
    private readonly Dictionary<string, RedeliveryState> _owed = new(StringComparer.Ordinal);
    private readonly HashSet<AttemptId> _delivering = [];
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _redelivery;

    /// <summary>Starts the redelivery loop (once); results a previous run stored are visited at once.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_redelivery is not null)
            {
                return Task.CompletedTask;
            }

            var now = _time.GetUtcNow();
            foreach (var origin in _folders.Origins())
            {
                _owed[origin] = new RedeliveryState(now, _options.RedeliveryMinBackoff);
            }

            _redelivery = RedeliverLoopAsync(_stopping.Token);
            StartPreemptionLoop();
        }

        return Task.CompletedTask;
    }

    /// <summary>The origin <paramref name="peer"/> connected: results owed to it are redelivered now.</summary>
    public void OriginConnected(string peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        lock (_lock)
        {
            if (!_owed.TryGetValue(peer, out var state))
            {
                return;
            }

            _owed[peer] = state with { Due = _time.GetUtcNow() };
        }

        WakeRedelivery();
    }

    private void ScheduleRedelivery(string origin)
    {
        lock (_lock)
        {
            var backoff = _owed.TryGetValue(origin, out var state) ? state.Backoff : _options.RedeliveryMinBackoff;
            _owed[origin] = new RedeliveryState(_time.GetUtcNow() + backoff, backoff);
        }

        WakeRedelivery();
    }

    private void WakeRedelivery()
    {
        TaskCompletionSource wake;
        lock (_lock)
        {
            wake = _wake;
            _wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        wake.TrySetResult();
    }

    private void MarkDelivering(AttemptId attempt, bool delivering)
    {
        lock (_lock)
        {
            _ = delivering ? _delivering.Add(attempt) : _delivering.Remove(attempt);
        }
    }

    private async Task RedeliverLoopAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        while (!cancellationToken.IsCancellationRequested)
        {
            Task wake;
            string? origin;
            TimeSpan wait;
            lock (_lock)
            {
                wake = _wake.Task;
                var now = _time.GetUtcNow();
                var next = _owed.OrderBy(pair => pair.Value.Due).FirstOrDefault();
                origin = next.Key is not null && next.Value.Due <= now ? next.Key : null;
                wait = next.Key is null ? Timeout.InfiniteTimeSpan : next.Value.Due - now;
            }

            if (origin is null)
            {
                try
                {
                    await wake.WaitAsync(wait, _time, cancellationToken).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    // An origin is due.
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                continue;
            }

            var done = await VisitOriginAsync(origin, cancellationToken).ConfigureAwait(false);
            lock (_lock)
            {
                if (done)
                {
                    _owed.Remove(origin);
                }
                else if (_owed.TryGetValue(origin, out var state))
                {
                    var backoff = TimeSpan.FromTicks(Math.Min(state.Backoff.Ticks * 2, _options.RedeliveryMaxBackoff.Ticks));
                    _owed[origin] = new RedeliveryState(_time.GetUtcNow() + state.Backoff, backoff);
                }
            }
        }
    }

    /// <summary>Delivers every result owed to <paramref name="origin"/>; true when none is left.</summary>
    private async Task<bool> VisitOriginAsync(string origin, CancellationToken cancellationToken)
    {
        try
        {
            var pending = _results.PendingFor(origin);
            _folders.Prune(origin, pending);
            foreach (var result in pending)
            {
                bool busy;
                lock (_lock)
                {
                    busy = _delivering.Contains(result.Attempt);
                }

                if (!busy && !await RedeliverAsync(result, cancellationToken).ConfigureAwait(false))
                {
                    return false;
                }
            }

            return _results.PendingFor(origin, 1).Count == 0;
        }
        catch (PeerUnreachableException ex)
        {
            LogOriginUnreachable(_logger, origin, ex.Message);
            return false;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
#pragma warning disable CA1031 // One origin's failure must not stop the loop for the others; it is tried again later.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogRedeliveryFailed(_logger, origin, ex.Message);
            return false;
        }
    }

    /// <summary>One stored result over a new stream: LeaseRenew first, then (on LeaseRenewed) the result and its files.</summary>
    private async Task<bool> RedeliverAsync(PendingResult pending, CancellationToken cancellationToken)
    {
        var stream = await _transport.OpenAsync(pending.Origin, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var conversation = new GuestConversation(stream, pending.Attempt, pending.TaskId, _limits);
            using var reading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var reader = conversation.RunReaderAsync(reading.Token);
            var folder = _folders.AttemptFolder(pending.Origin, pending.TaskId, pending.Attempt);
            try
            {
                LogRedelivering(_logger, pending.TaskId.ToString(), pending.Attempt.ToString(), pending.Origin);
                await conversation.SendAsync(new LeaseRenewMessage(pending.Attempt, _time.GetUtcNow() + RedeliveryLease), cancellationToken).ConfigureAwait(false);
                var renewed = await conversation.Renewed.WaitAsync(_options.PeerSilenceTimeout, _time, cancellationToken).ConfigureAwait(false);
                if (!renewed && conversation.End == GuestConversationEnd.LeaseLost)
                {
                    // The origin no longer wants it (taken back, cancelled, or already recorded): forget it.
                    _results.Acknowledge(pending.TaskId, pending.Attempt);
                    GuestResultFolders.DeleteAttempt(folder);
                    LogSettled(_logger, pending.TaskId.ToString(), pending.Attempt.ToString(), false);
                    return true;
                }

                if (!renewed)
                {
                    conversation.Abort();
                    return false;
                }

                var delivered = await DeliverAsync(conversation, pending.Result, pending.Journal, folder, cancellationToken).ConfigureAwait(false);
                if (!delivered)
                {
                    conversation.Abort();
                }

                return delivered;
            }
            catch (Exception ex) when (ex is TimeoutException or IOException or TaskProtocolException)
            {
                conversation.Abort();
                return false;
            }
            finally
            {
                await reading.CancelAsync().ConfigureAwait(false);
                await reader.ConfigureAwait(false);
            }
        }
    }
}
