using System.Net.Sockets;
using Mesh.Libp2p.Addressing;
using Mesh.Libp2p.Identity;
using Microsoft.Extensions.Logging;

namespace Mesh.Libp2p.Discovery;

/// <summary>Log messages of mDNS discovery (event ids 700-799).</summary>
internal static partial class MdnsLog
{
    [LoggerMessage(EventId = 700, Level = LogLevel.Information, Message = "mDNS started as {PeerName} on port {Port}")]
    public static partial void Started(ILogger logger, string peerName, int port);

    [LoggerMessage(EventId = 701, Level = LogLevel.Debug, Message = "mDNS joined {Group} on {Interface}")]
    public static partial void Joined(ILogger logger, string group, string @interface);

    [LoggerMessage(EventId = 702, Level = LogLevel.Warning, Message = "mDNS could not join {Group} on {Interface}: {Error}")]
    public static partial void JoinFailed(ILogger logger, string group, string @interface, SocketError error);

    [LoggerMessage(EventId = 703, Level = LogLevel.Warning, Message = "mDNS over {Family} is off: {Reason}")]
    public static partial void FamilyUnavailable(ILogger logger, AddressFamily family, string reason);

    [LoggerMessage(EventId = 704, Level = LogLevel.Debug, Message = "mDNS dropped a malformed {Length}-byte packet from {Sender}")]
    public static partial void Malformed(ILogger logger, int length, string sender);

    [LoggerMessage(EventId = 705, Level = LogLevel.Debug, Message = "mDNS answered a query from {Sender}")]
    public static partial void Answered(ILogger logger, string sender);

    [LoggerMessage(EventId = 706, Level = LogLevel.Debug, Message = "mDNS left a query unanswered: answer rate limit reached")]
    public static partial void RateLimited(ILogger logger);

    [LoggerMessage(EventId = 707, Level = LogLevel.Information, Message = "mDNS discovered {Peer} at {Addresses}")]
    public static partial void Discovered(ILogger logger, PeerId peer, string addresses);

    [LoggerMessage(EventId = 708, Level = LogLevel.Debug, Message = "mDNS dialing {Peer} at {Address}")]
    public static partial void Dialing(ILogger logger, PeerId peer, Multiaddr address);

    [LoggerMessage(EventId = 709, Level = LogLevel.Debug, Message = "mDNS dial of {Peer} at {Address} failed: {Reason}")]
    public static partial void DialFailed(ILogger logger, PeerId peer, Multiaddr address, string reason);

    [LoggerMessage(EventId = 710, Level = LogLevel.Debug, Message = "mDNS could not send on {Interface}: {Error}")]
    public static partial void SendFailed(ILogger logger, string @interface, SocketError error);

    [LoggerMessage(EventId = 711, Level = LogLevel.Warning, Message = "mDNS receive on {Family} failed: {Error}")]
    public static partial void ReceiveFailed(ILogger logger, AddressFamily family, SocketError error);

    [LoggerMessage(EventId = 712, Level = LogLevel.Error, Message = "A subscriber of PeerDiscovered threw")]
    public static partial void SubscriberFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 713, Level = LogLevel.Error, Message = "A background task of mDNS discovery failed")]
    public static partial void BackgroundFailure(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 714, Level = LogLevel.Debug, Message = "mDNS left {Interface}: it is gone or down")]
    public static partial void Left(ILogger logger, string @interface);
}
