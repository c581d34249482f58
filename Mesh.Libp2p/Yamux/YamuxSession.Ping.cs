namespace Mesh.Libp2p.Yamux;

/// <summary>Pings: round-trip measurement, keepalive, and answering the remote's pings (§7.3).</summary>
public sealed partial class YamuxSession
{
    private readonly Lock _pingLock = new();
    private readonly Dictionary<uint, YamuxPendingPing> _pings = [];
    private uint _nextPingId;
    private bool _pingsClosed;
    private long _roundTripTicks = -1;
    private PeriodicTimer? _keepAliveTimer;

    /// <summary>The last measured round-trip time, or null before the first ping reply.</summary>
    public TimeSpan? RoundTripTime => TryGetRoundTripTime(out var roundTrip) ? roundTrip : null;

    /// <summary>Sends a Ping SYN and waits for its ACK, at most <see cref="YamuxOptions.PingTimeout"/>.</summary>
    /// <returns>The round-trip time.</returns>
    /// <exception cref="TimeoutException">No reply within the ping timeout.</exception>
    /// <exception cref="YamuxSessionClosedException">The session ended.</exception>
    /// <exception cref="YamuxStreamLimitException">Too many pings are in flight.</exception>
    public Task<TimeSpan> PingAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfNotStarted();
        return SendPingAsync(cancellationToken);
    }

    internal bool TryGetRoundTripTime(out TimeSpan roundTrip)
    {
        var ticks = Volatile.Read(ref _roundTripTicks);
        roundTrip = TimeSpan.FromTicks(Math.Max(ticks, 0));
        return ticks >= 0;
    }

    private Task<TimeSpan> SendPingAsync(CancellationToken cancellationToken)
    {
        var reply = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        uint id;
        lock (_pingLock)
        {
            if (_pingsClosed)
            {
                return Task.FromException<TimeSpan>(CreateClosedException());
            }

            if (_pings.Count >= Options.MaxOutstandingPings)
            {
                return Task.FromException<TimeSpan>(new YamuxStreamLimitException($"Too many yamux pings in flight (limit {Options.MaxOutstandingPings})."));
            }

            // js counts ping ids from 0; skip ids still awaiting their reply after a wrap.
            do
            {
                id = _nextPingId++;
            }
            while (!_pings.TryAdd(id, new YamuxPendingPing(reply, TimeProvider.GetTimestamp())));
        }

        // The timeout starts before the ping is queued, so no reply can arrive before it is armed.
        var wait = reply.Task.WaitAsync(Options.PingTimeout, TimeProvider, cancellationToken);
        EnqueueSessionFrame(new YamuxHeader(YamuxFrameType.Ping, YamuxFlags.Syn, 0, id));
        return wait;
    }

    /// <summary>§7.3: answer a Ping with flags exactly SYN by an ACK with the same value; an ACK must answer our own ping.</summary>
    private bool HandlePing(in YamuxHeader header)
    {
        switch (header.Flags)
        {
            case YamuxFlags.Syn:
                return EnqueueSessionFrame(new YamuxHeader(YamuxFrameType.Ping, YamuxFlags.Ack, 0, header.Length));
            case YamuxFlags.Ack:
                CompletePing(header.Length);
                return true;
            default:
                throw new YamuxProtocolException($"Ping with flags {header.Flags}; expected exactly SYN or ACK.");
        }
    }

    private void CompletePing(uint id)
    {
        YamuxPendingPing ping;
        lock (_pingLock)
        {
            // A ping that timed out or was cancelled stays listed until its late reply, which is no error.
            if (!_pings.Remove(id, out ping))
            {
                throw new YamuxProtocolException($"Ping ACK {id} answers no ping this side sent.");
            }
        }

        var roundTrip = TimeProvider.GetElapsedTime(ping.SentAt);
        Volatile.Write(ref _roundTripTicks, roundTrip.Ticks);
        ping.Reply.TrySetResult(roundTrip);
    }

    private void FailPendingPings()
    {
        YamuxPendingPing[] pending;
        lock (_pingLock)
        {
            _pingsClosed = true;
            pending = [.. _pings.Values];
            _pings.Clear();
        }

        if (pending.Length == 0)
        {
            return;
        }

        var error = CreateClosedException();
        foreach (var ping in pending)
        {
            ping.Reply.TrySetException(error);
        }
    }

    /// <summary>Like js: a ping at once when the session starts, then one every interval; an unanswered one closes the session.</summary>
    private async Task KeepAliveLoopAsync()
    {
        var token = _shutdown.Token;
        try
        {
            do
            {
                try
                {
                    await SendPingAsync(token).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    YamuxLog.KeepAliveTimeout(Logger, Options.PingTimeout);
                    BeginClose(
                        YamuxCloseReason.KeepAliveTimeout,
                        new YamuxSessionClosedException(YamuxCloseReason.KeepAliveTimeout, $"A keepalive ping got no reply within {Options.PingTimeout}."),
                        null);
                    return;
                }
                catch (YamuxStreamLimitException)
                {
                    // Earlier pings are still unanswered; their own timeouts decide.
                }
            }
            while (await _keepAliveTimer!.WaitForNextTickAsync(token).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // BeginClose stopped the loop.
        }
        catch (YamuxSessionClosedException)
        {
            // The session ended while a ping was in flight.
        }
    }
}
