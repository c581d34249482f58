using System.Buffers;

namespace Mesh.Libp2p.Yamux;

/// <summary>
/// The read loop: parses frames and dispatches them. Data payloads are streamed into the stream's input as
/// they arrive (the whole length is checked against the window first), so a large frame never has to sit
/// whole in the channel's buffer. The loop never waits on a write: replies are queued for the write loop.
/// </summary>
public sealed partial class YamuxSession
{
    // The Data frame being read: its stream (null when the payload is skipped), flags, and payload still due.
    private YamuxStream? _payloadStream;
    private YamuxStream? _payloadOwner;
    private YamuxFlags _payloadFlags;
    private uint _payloadRemaining;

    private async Task ReadLoopAsync()
    {
        var input = _inner.Input;
        var token = _shutdown.Token;
        try
        {
            while (true)
            {
                var result = await input.ReadAsync(token).ConfigureAwait(false);
                var buffer = result.Buffer;
                bool keepReading;
                try
                {
                    keepReading = ProcessFrames(ref buffer);
                }
                finally
                {
                    input.AdvanceTo(buffer.Start, buffer.End);
                }

                if (!keepReading)
                {
                    break;
                }

                if (result.IsCompleted)
                {
                    BeginClose(YamuxCloseReason.RemoteClose, null, null);
                    break;
                }

                if (result.IsCanceled)
                {
                    // Only the channel's owner cancels its reads: it is shutting the connection down.
                    BeginClose(YamuxCloseReason.LocalClose, null, null);
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // BeginClose stopped the loop.
        }
        catch (YamuxProtocolException ex)
        {
            YamuxLog.ProtocolError(Logger, ex.Message);
            BeginClose(YamuxCloseReason.ProtocolError, ex, YamuxGoAwayCode.ProtocolError);
        }
        catch (Exception ex)
        {
            YamuxLog.TransportFailed(Logger, ex);
            BeginClose(YamuxCloseReason.TransportError, ex, null);
        }
        finally
        {
            FailAllStreams();
        }
    }

    /// <summary>Handles every complete header and every available payload byte; false when the session must stop.</summary>
    private bool ProcessFrames(ref ReadOnlySequence<byte> buffer)
    {
        while (true)
        {
            if (_payloadRemaining > 0)
            {
                if (buffer.IsEmpty)
                {
                    return true;
                }

                var piece = buffer.Slice(0, Math.Min(_payloadRemaining, buffer.Length));
                _payloadStream?.DeliverData(piece);
                buffer = buffer.Slice(piece.End);
                _payloadRemaining -= (uint)piece.Length;
                if (_payloadRemaining > 0)
                {
                    return true;
                }

                FinishDataFrame();
                continue;
            }

            if (!YamuxHeader.TryRead(buffer, out var header))
            {
                return true;
            }

            var limit = DataLimitFor(header);
            var status = YamuxFrameReader.Validate(header, limit);
            if (status != YamuxFrameStatus.Ok)
            {
                throw InvalidFrame(status, header, limit);
            }

            buffer = buffer.Slice(YamuxHeader.Size);
            if (!HandleFrame(header))
            {
                return false;
            }
        }
    }

    private bool HandleFrame(in YamuxHeader header)
    {
        switch (header.Type)
        {
            case YamuxFrameType.Data:
                ThrowIfSessionStreamId(header);
                BeginDataFrame(header);
                return true;
            case YamuxFrameType.WindowUpdate:
                ThrowIfSessionStreamId(header);
                HandleWindowUpdate(header);
                return true;
            case YamuxFrameType.Ping:
                ThrowIfNotSessionStreamId(header);
                return HandlePing(header);
            default:
                ThrowIfNotSessionStreamId(header);
                return HandleGoAway(header);
        }
    }

    private void BeginDataFrame(in YamuxHeader header)
    {
        var stream = ResolveStream(header);
        _payloadOwner = stream;
        _payloadStream = null;
        _payloadFlags = header.Flags;
        _payloadRemaining = header.Length;
        if (stream is not null)
        {
            switch (stream.AdmitData(header.Length))
            {
                case YamuxDataAdmission.Accepted:
                    _payloadStream = stream;
                    break;
                case YamuxDataAdmission.WindowExceeded:
                    throw new YamuxProtocolException($"Data frame of {header.Length} bytes exceeds the receive window of stream {header.StreamId}.");
                case YamuxDataAdmission.AfterFin:
                    // js rejects data on a stream the remote closed ("Cannot push data onto a stream that is closed").
                    YamuxLog.DataAfterFin(Logger, header.StreamId);
                    stream.Abort();
                    break;
                default:
                    break;
            }
        }

        if (_payloadRemaining == 0)
        {
            FinishDataFrame();
        }
    }

    private void FinishDataFrame()
    {
        var owner = _payloadOwner;
        var flags = _payloadFlags;
        _payloadOwner = null;
        _payloadStream = null;
        if (owner is not null)
        {
            ApplyClosingFlags(owner, flags);
        }
    }

    private void HandleWindowUpdate(in YamuxHeader header)
    {
        var stream = ResolveStream(header);
        if (stream is null)
        {
            return;
        }

        if (header.Length > 0)
        {
            stream.OnWindowUpdate(header.Length);
        }

        ApplyClosingFlags(stream, header.Flags);
    }

    /// <summary>
    /// The stream a Data or WindowUpdate frame is for: opened by its SYN, acknowledged by its ACK. Null for
    /// unknown or closed ids, whose frames are ignored like js does, and for refused SYNs.
    /// </summary>
    private YamuxStream? ResolveStream(in YamuxHeader header)
    {
        YamuxStream? stream;
        if ((header.Flags & YamuxFlags.Syn) != 0)
        {
            stream = OpenInboundStream(header.StreamId);
        }
        else
        {
            _streams.TryGetValue(header.StreamId, out stream);
        }

        if (stream is not null && (header.Flags & YamuxFlags.Ack) != 0 && stream.IsOutbound)
        {
            stream.OnAck();
        }

        return stream;
    }

    private void ApplyClosingFlags(YamuxStream stream, YamuxFlags flags)
    {
        if ((flags & YamuxFlags.Rst) != 0)
        {
            YamuxLog.StreamResetByRemote(Logger, stream.Id);
            stream.OnRemoteReset();
        }
        else if ((flags & YamuxFlags.Fin) != 0)
        {
            stream.OnRemoteFin();
        }
    }

    private bool HandleGoAway(in YamuxHeader header)
    {
        var code = (YamuxGoAwayCode)header.Length;
        YamuxLog.RemoteGoAway(Logger, code);
        _remoteGoAway = true;

        // §7.3: after GoAway(normal) the existing streams go on; any other code resets them all.
        if (code == YamuxGoAwayCode.Normal)
        {
            return true;
        }

        BeginClose(YamuxCloseReason.RemoteGoAway, new YamuxSessionClosedException(YamuxCloseReason.RemoteGoAway, $"The remote sent GoAway {code}."), null);
        return false;
    }

    /// <summary>The largest Data payload the frame's stream accepts now; checked before any payload is read.</summary>
    private uint DataLimitFor(in YamuxHeader header)
    {
        if (header.Type != YamuxFrameType.Data)
        {
            return 0;
        }

        // A SYN opens a stream, whose window starts at the spec's initial size (§7.2).
        if ((header.Flags & YamuxFlags.Syn) != 0)
        {
            return YamuxOptions.InitialWindowSize;
        }

        // An unknown or closed stream: skipped, but still no larger than any window this side could have granted.
        return _streams.TryGetValue(header.StreamId, out var stream) ? stream.ReceiveWindow : Options.MaxReceiveWindowSize;
    }

    private static YamuxProtocolException InvalidFrame(YamuxFrameStatus status, in YamuxHeader header, uint limit) => status switch
    {
        YamuxFrameStatus.UnsupportedVersion => new YamuxProtocolException($"Unsupported yamux version {header.Version}."),
        YamuxFrameStatus.UnknownType => new YamuxProtocolException($"Unknown yamux frame type {(byte)header.Type}."),
        _ => new YamuxProtocolException($"Data frame of {header.Length} bytes on stream {header.StreamId} exceeds the receive window ({limit})."),
    };

    /// <summary>§7.1: stream 0 is the session; Data and WindowUpdate must name a stream.</summary>
    private static void ThrowIfSessionStreamId(in YamuxHeader header)
    {
        if (header.StreamId == 0)
        {
            throw new YamuxProtocolException($"{header.Type} frame on stream 0.");
        }
    }

    /// <summary>§7.1: Ping and GoAway always use stream 0.</summary>
    private static void ThrowIfNotSessionStreamId(in YamuxHeader header)
    {
        if (header.StreamId != 0)
        {
            throw new YamuxProtocolException($"{header.Type} frame on stream {header.StreamId} instead of 0.");
        }
    }
}
