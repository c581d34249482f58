using System.Net.Sockets;
using Mesh.Libp2p.Addressing;
using Mesh.Libp2p.Identity;
using Microsoft.Extensions.Logging;

namespace Mesh.Libp2p.Host;

public sealed partial class Libp2pHost
{
    [LoggerMessage(EventId = 500, Level = LogLevel.Information, Message = "Listening on {Address}")]
    private static partial void LogListening(ILogger logger, Multiaddr address);

    [LoggerMessage(EventId = 501, Level = LogLevel.Information, Message = "Connected to {Peer} at {Address} ({Direction})")]
    private static partial void LogConnected(ILogger logger, PeerId peer, Multiaddr address, ConnectionDirection direction);

    [LoggerMessage(EventId = 502, Level = LogLevel.Information, Message = "Disconnected from {Peer}: {Reason}")]
    private static partial void LogDisconnected(ILogger logger, PeerId peer, string reason);

    [LoggerMessage(EventId = 503, Level = LogLevel.Warning, Message = "Closed {Direction} connection with {Address} during upgrade: {Reason}")]
    private static partial void LogUpgradeFailed(ILogger logger, string direction, Multiaddr address, string reason);

    [LoggerMessage(EventId = 504, Level = LogLevel.Debug, Message = "Closed a duplicate {Direction} connection to {Peer}")]
    private static partial void LogDuplicateClosed(ILogger logger, PeerId peer, ConnectionDirection direction);

    [LoggerMessage(EventId = 505, Level = LogLevel.Warning, Message = "Refused inbound connection from {Address}: {Connections} connections or too many upgrades in progress")]
    private static partial void LogInboundRefused(ILogger logger, string address, int connections);

    [LoggerMessage(EventId = 506, Level = LogLevel.Warning, Message = "Accepting a connection failed: {Error}")]
    private static partial void LogAcceptFailed(ILogger logger, SocketError error);

    [LoggerMessage(EventId = 507, Level = LogLevel.Warning, Message = "Reset a stream from {Peer}: it already has {Limit} streams open")]
    private static partial void LogStreamRefused(ILogger logger, PeerId peer, int limit);

    [LoggerMessage(EventId = 508, Level = LogLevel.Debug, Message = "Stream from {Peer} agreed on no protocol: {Reason}")]
    private static partial void LogNegotiationFailed(ILogger logger, PeerId peer, string reason);

    [LoggerMessage(EventId = 509, Level = LogLevel.Warning, Message = "Handler of {Protocol} failed on a stream from {Peer}")]
    private static partial void LogHandlerFailed(ILogger logger, string protocol, PeerId peer, Exception exception);

    [LoggerMessage(EventId = 510, Level = LogLevel.Debug, Message = "Identified {Peer}: {Agent}, {ProtocolCount} protocols")]
    private static partial void LogIdentified(ILogger logger, PeerId peer, string agent, int protocolCount);

    [LoggerMessage(EventId = 511, Level = LogLevel.Debug, Message = "Identify with {Peer} failed: {Reason}")]
    private static partial void LogIdentifyFailed(ILogger logger, PeerId peer, string reason);

    [LoggerMessage(EventId = 512, Level = LogLevel.Error, Message = "A subscriber of {Event} threw")]
    private static partial void LogEventHandlerFailed(ILogger logger, string @event, Exception exception);

    [LoggerMessage(EventId = 513, Level = LogLevel.Error, Message = "A background task of the host failed")]
    private static partial void LogBackgroundFailure(ILogger logger, Exception exception);
}
