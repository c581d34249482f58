using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Mesh.Libp2p.Yamux;

/// <summary>Opening, accepting and tracking streams.</summary>
public sealed partial class YamuxSession
{
    private readonly ConcurrentDictionary<uint, YamuxStream> _streams = new();
    private readonly Channel<YamuxStream> _accepted;
    private readonly SemaphoreSlim _ackBacklog;
    private readonly Lock _openLock = new();
    private long _nextStreamId;
    private int _inboundCount;
    private int _outboundCount;
    private volatile bool _localGoAway;
    private volatile bool _remoteGoAway;

    /// <summary>Streams in the session's table: open, or half-closed with the other side still open.</summary>
    internal int StreamCount => _streams.Count;

    /// <summary>
    /// Opens a stream: queues WindowUpdate|SYN with delta 0, like js (§7.3), without waiting for the ACK.
    /// Waits while <see cref="YamuxOptions.MaxUnacknowledgedOutboundStreams"/> streams are unacknowledged (§7.5).
    /// </summary>
    /// <exception cref="YamuxSessionClosedException">The session ended, or a GoAway was sent or received.</exception>
    /// <exception cref="YamuxStreamLimitException">Too many outbound streams are open, or the ids are exhausted.</exception>
    public async ValueTask<YamuxStream> OpenStreamAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfNotStarted();
        ThrowIfCannotOpen();
        if (!_ackBacklog.Wait(0, CancellationToken.None))
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _shutdown.Token);
            try
            {
                await _ackBacklog.WaitAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw CreateClosedException();
            }
        }

        YamuxStream stream;
        try
        {
            lock (_openLock)
            {
                ThrowIfCannotOpen();
                if (Volatile.Read(ref _outboundCount) >= Options.MaxOutboundStreams)
                {
                    throw new YamuxStreamLimitException($"Too many outbound yamux streams (limit {Options.MaxOutboundStreams}).");
                }

                if (_nextStreamId > uint.MaxValue)
                {
                    throw new YamuxStreamLimitException("The yamux stream ids of this session are exhausted.");
                }

                stream = new YamuxStream(this, (uint)_nextStreamId, isOutbound: true);
                _nextStreamId += 2;
                Interlocked.Increment(ref _outboundCount);
                _streams[stream.Id] = stream;
            }
        }
        catch
        {
            _ackBacklog.Release();
            throw;
        }

        // The session may have closed after the check: then the read loop may have missed this stream.
        if (IsClosing)
        {
            var closed = CreateClosedException();
            stream.OnSessionClosed(closed);
            RemoveStream(stream);
            throw closed;
        }

        EnqueueStreamControl(stream);
        return stream;
    }

    /// <summary>
    /// Waits for a stream the remote opened (at most <see cref="YamuxOptions.AcceptBacklog"/> wait to be accepted)
    /// and acknowledges it.
    /// </summary>
    /// <exception cref="YamuxSessionClosedException">The session ended.</exception>
    public async ValueTask<YamuxStream> AcceptStreamAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfNotStarted();
        var reader = _accepted.Reader;
        while (!IsClosing && await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!IsClosing && reader.TryRead(out var stream))
            {
                stream.OnAccepted();
                return stream;
            }
        }

        throw CreateClosedException();
    }

    /// <summary>Takes a stream out of the table (both FINs, a reset, or a refusal) and releases what it held.</summary>
    internal void RemoveStream(YamuxStream stream)
    {
        if (!stream.TryMarkRemoved())
        {
            return;
        }

        _streams.TryRemove(new KeyValuePair<uint, YamuxStream>(stream.Id, stream));
        if (!stream.IsOutbound)
        {
            Interlocked.Decrement(ref _inboundCount);
            return;
        }

        Interlocked.Decrement(ref _outboundCount);
        if (stream.TakeAwaitingAck())
        {
            _ackBacklog.Release();
        }
    }

    /// <summary>An opened stream was acknowledged: one more may be opened (§7.5).</summary>
    internal void ReleaseAckPermit() => _ackBacklog.Release();

    /// <summary>
    /// A SYN from the remote (§7.1): checks its parity and that the id is free, then registers the stream
    /// for accepting, or refuses it with RST when a limit or a GoAway says no. Null when refused.
    /// </summary>
    private YamuxStream? OpenInboundStream(uint id)
    {
        // The dialer (client) opens odd ids, the listener even ones; js throws "Both endpoints are clients".
        if ((id % 2 == 1) == IsClient)
        {
            throw new YamuxProtocolException($"SYN for stream {id} has this side's parity: both endpoints act as {(IsClient ? "clients" : "servers")}.");
        }

        if (_streams.ContainsKey(id))
        {
            throw new YamuxProtocolException($"Duplicate SYN for live stream {id}.");
        }

        if (_localGoAway)
        {
            return RefuseInboundStream(id, "GoAway was sent");
        }

        if (Volatile.Read(ref _inboundCount) >= Options.MaxInboundStreams)
        {
            return RefuseInboundStream(id, "too many inbound streams");
        }

        var stream = new YamuxStream(this, id, isOutbound: false);
        Interlocked.Increment(ref _inboundCount);
        _streams[id] = stream;
        if (!_accepted.Writer.TryWrite(stream))
        {
            RemoveStream(stream);
            return RefuseInboundStream(id, "the accept backlog is full");
        }

        YamuxLog.InboundStreamOpened(Logger, id);
        return stream;
    }

    /// <summary>§7.3: excess inbound SYNs are answered with WindowUpdate|RST.</summary>
    private YamuxStream? RefuseInboundStream(uint id, string why)
    {
        YamuxLog.InboundStreamRefused(Logger, id, why);
        EnqueueSessionFrame(new YamuxHeader(YamuxFrameType.WindowUpdate, YamuxFlags.Rst, id, 0));
        return null;
    }

    /// <summary>Fails every stream with the session's end; called by the read loop as it exits.</summary>
    private void FailAllStreams()
    {
        var error = CreateClosedException();
        foreach (var pair in _streams)
        {
            pair.Value.OnSessionClosed(error);
        }

        _streams.Clear();
    }

    private void ThrowIfCannotOpen()
    {
        if (IsClosing)
        {
            throw CreateClosedException();
        }

        if (_localGoAway || _remoteGoAway)
        {
            throw new YamuxSessionClosedException(YamuxCloseReason.None, $"No new yamux streams: a GoAway was {(_localGoAway ? "sent" : "received")}.");
        }
    }
}
