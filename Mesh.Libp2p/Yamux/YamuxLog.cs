using Microsoft.Extensions.Logging;

namespace Mesh.Libp2p.Yamux;

/// <summary>Log messages of the yamux session and its streams (event ids 300-399).</summary>
internal static partial class YamuxLog
{
    [LoggerMessage(EventId = 300, Level = LogLevel.Debug, Message = "Yamux session started as {Role}")]
    public static partial void SessionStarted(ILogger logger, string role);

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "Yamux protocol error from the remote, sending GoAway: {Reason}")]
    public static partial void ProtocolError(ILogger logger, string reason);

    [LoggerMessage(EventId = 302, Level = LogLevel.Debug, Message = "Yamux session closing: {Reason}")]
    public static partial void SessionClosing(ILogger logger, YamuxCloseReason reason, Exception? exception);

    [LoggerMessage(EventId = 303, Level = LogLevel.Warning, Message = "Yamux keepalive ping unanswered after {Timeout}; closing the session")]
    public static partial void KeepAliveTimeout(ILogger logger, TimeSpan timeout);

    [LoggerMessage(EventId = 304, Level = LogLevel.Warning, Message = "Yamux write to the underlying channel blocked longer than {Timeout}; closing the session")]
    public static partial void WriteTimeout(ILogger logger, TimeSpan timeout);

    [LoggerMessage(EventId = 305, Level = LogLevel.Debug, Message = "Yamux refused inbound stream {StreamId}: {Why}")]
    public static partial void InboundStreamRefused(ILogger logger, uint streamId, string why);

    [LoggerMessage(EventId = 306, Level = LogLevel.Debug, Message = "Yamux remote sent GoAway {Code}")]
    public static partial void RemoteGoAway(ILogger logger, YamuxGoAwayCode code);

    [LoggerMessage(EventId = 307, Level = LogLevel.Debug, Message = "Yamux underlying channel failed")]
    public static partial void TransportFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 308, Level = LogLevel.Debug, Message = "Yamux stream {StreamId} reset by the remote")]
    public static partial void StreamResetByRemote(ILogger logger, uint streamId);

    [LoggerMessage(EventId = 309, Level = LogLevel.Warning, Message = "Yamux control frame backlog passed {Limit}: the remote does not read; closing the session")]
    public static partial void ControlBacklogExceeded(ILogger logger, int limit);

    [LoggerMessage(EventId = 310, Level = LogLevel.Debug, Message = "Yamux stream {StreamId} got data after the remote's FIN; resetting it")]
    public static partial void DataAfterFin(ILogger logger, uint streamId);

    [LoggerMessage(EventId = 311, Level = LogLevel.Trace, Message = "Yamux stream {StreamId} opened by the remote")]
    public static partial void InboundStreamOpened(ILogger logger, uint streamId);

    [LoggerMessage(EventId = 312, Level = LogLevel.Debug, Message = "Yamux disposed stream {StreamId} got no FIN within {Timeout}; resetting it")]
    public static partial void StreamCloseTimeout(ILogger logger, uint streamId, TimeSpan timeout);
}
