using Mesh.Core.Network;

namespace Mesh.Core.Ledger;

public sealed partial class LedgerService
{
    private async Task RunReceiverAsync(IMeshSubscription subscription, CancellationToken stop)
    {
        try
        {
            await foreach (var message in subscription.ReadAllAsync(stop).ConfigureAwait(false))
            {
                var receipt = _receiver.Receive(message.From, message.Data);
                Report(receipt, message);
                if (receipt.Result == LedgerReceiveResult.Accepted)
                {
                    RaiseEntryAccepted(receipt.Entry!);
                }
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
            LogLoopFailed(_logger, "receiver", ex);
        }
    }

    private void Report(LedgerReceipt receipt, MeshPubSubMessage message)
    {
        switch (receipt.Result)
        {
            case LedgerReceiveResult.Accepted when receipt.IsNewPeer:
                LogPeerJoined(_logger, receipt.Entry!.Peer, receipt.Entry.Name);
                break;
            case LedgerReceiveResult.Accepted:
                LogEntryAccepted(_logger, receipt.Entry!.Peer, receipt.Entry.Version);
                break;
            case LedgerReceiveResult.Stale:
                LogEntryStale(_logger, message.From, receipt.Reason!);
                break;
            default:
                LogEntryRejected(_logger, message.From, message.ReceivedFrom, receipt.Result, receipt.Reason!);
                break;
        }
    }

    /// <summary>Publishes at once, then whenever the state changes and at least every publish interval.</summary>
    private async Task RunPublisherAsync(CancellationToken stop)
    {
        Task<bool>? changed = null;
        var burst = false;
        while (!stop.IsCancellationRequested)
        {
            await PublishAsync(stop).ConfigureAwait(false);
            changed ??= _changed.Reader.WaitToReadAsync(stop).AsTask();
            using var interval = CancellationTokenSource.CreateLinkedTokenSource(stop);
            var due = Task.Delay(_options.PublishInterval, _time, interval.Token);
            var first = await Task.WhenAny(changed, due).ConfigureAwait(false);
            await interval.CancelAsync().ConfigureAwait(false);
            if (first != changed)
            {
                burst = false;
                continue;
            }

            // A change right after a change-driven publication waits out the gap, taking along whatever follows it.
            if (burst && !await WaitAsync(_options.MinChangeGap, stop).ConfigureAwait(false))
            {
                return;
            }

            _changed.Reader.TryRead(out _);
            changed = null;
            burst = true;
        }
    }

    // False when stopping.
    private async Task<bool> WaitAsync(TimeSpan delay, CancellationToken stop)
    {
        try
        {
            await Task.Delay(delay, _time, stop).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task PublishAsync(CancellationToken stop)
    {
        try
        {
            LedgerEntry entry;
            lock (_gate)
            {
                // Every publication is a fresh entry: a new version and issue time, so peers refresh the row and
                // the replay and age rules hold.
                entry = IssueEntry(_local);
                Table.SetLocal(entry);
            }

            var bytes = LedgerEntryCodec.Encode(entry, _identity, _options.Limits);
            await _pubSub.PublishAsync(_options.Topic, bytes, stop).ConfigureAwait(false);
            Statistics.EntryPublished();
            LogPublished(_logger, entry.Version, bytes.Length);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Disposing.
        }
#pragma warning disable CA1031 // The router may refuse (stopping, too large): count it and try again next interval.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Statistics.PublishFailed();
            LogPublishFailed(_logger, ex);
        }
    }

    private async Task RunExpiryAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(_options.ExpiryCheckInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                foreach (var entry in Table.ExpireSilent())
                {
                    Statistics.PeerExpired();
                    LogPeerExpired(_logger, entry.Peer, entry.Name, _options.ExpireAfter);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Disposing.
        }
    }
}
