using Mesh.Libp2p.Addressing;
using Mesh.Libp2p.Identity;
using Microsoft.Extensions.Logging;

namespace Mesh.Libp2p.PubSub;

public sealed partial class Gossipsub
{
    [LoggerMessage(EventId = 600, Level = LogLevel.Debug, Message = "Pubsub peer {Peer} added")]
    private static partial void LogPeerAdded(ILogger logger, PeerId peer);

    [LoggerMessage(EventId = 601, Level = LogLevel.Debug, Message = "Pubsub peer {Peer} removed")]
    private static partial void LogPeerRemoved(ILogger logger, PeerId peer);

    [LoggerMessage(EventId = 602, Level = LogLevel.Debug, Message = "Opened pubsub stream to {Peer} with {Protocol}")]
    private static partial void LogStreamOpened(ILogger logger, PeerId peer, string protocol);

    [LoggerMessage(EventId = 603, Level = LogLevel.Debug, Message = "Pubsub stream to {Peer} ended: {Reason}")]
    private static partial void LogWriterFailed(ILogger logger, PeerId peer, string reason);

    [LoggerMessage(EventId = 604, Level = LogLevel.Debug, Message = "Pubsub stream from {Peer} ended: {Reason}")]
    private static partial void LogReaderEnded(ILogger logger, PeerId peer, string reason);

    [LoggerMessage(EventId = 605, Level = LogLevel.Warning, Message = "Dropped a malformed pubsub RPC from {Peer}")]
    private static partial void LogMalformedRpc(ILogger logger, PeerId peer);

    [LoggerMessage(EventId = 606, Level = LogLevel.Warning, Message = "Discarding a {Length}-byte pubsub RPC from {Peer}: over the {Limit}-byte limit")]
    private static partial void LogOversizedFrame(ILogger logger, PeerId peer, ulong length, int limit);

    [LoggerMessage(EventId = 607, Level = LogLevel.Warning, Message = "Dropped a message from {Peer}: {Reason}")]
    private static partial void LogMessageRejected(ILogger logger, PeerId peer, MessageValidationResult reason);

    [LoggerMessage(EventId = 608, Level = LogLevel.Debug, Message = "{Peer} grafted us into its mesh of {Topic}")]
    private static partial void LogGrafted(ILogger logger, PeerId peer, string topic);

    [LoggerMessage(EventId = 609, Level = LogLevel.Debug, Message = "{Peer} pruned us from its mesh of {Topic}, backoff {Backoff}")]
    private static partial void LogPruned(ILogger logger, PeerId peer, string topic, TimeSpan backoff);

    [LoggerMessage(EventId = 610, Level = LogLevel.Information, Message = "Joined topic {Topic}")]
    private static partial void LogJoined(ILogger logger, string topic);

    [LoggerMessage(EventId = 611, Level = LogLevel.Information, Message = "Left topic {Topic}")]
    private static partial void LogLeft(ILogger logger, string topic);

    [LoggerMessage(EventId = 612, Level = LogLevel.Debug, Message = "Published {Size} bytes to {Topic}, sent to {Peers} peers")]
    private static partial void LogPublished(ILogger logger, string topic, int size, int peers);

    [LoggerMessage(EventId = 613, Level = LogLevel.Error, Message = "A pubsub background task failed")]
    private static partial void LogBackgroundFailure(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 614, Level = LogLevel.Debug, Message = "The connection under our stream to {Peer} was replaced; reopening it")]
    private static partial void LogWriterReopening(ILogger logger, PeerId peer);

    [LoggerMessage(EventId = 615, Level = LogLevel.Debug, Message = "Connected to {Peer} at {Address}, suggested by peer exchange")]
    private static partial void LogPeerExchangeConnected(ILogger logger, PeerId peer, Multiaddr address);

    [LoggerMessage(EventId = 616, Level = LogLevel.Debug, Message = "Could not connect to {Peer}, suggested by peer exchange: {Reason}")]
    private static partial void LogPeerExchangeDialFailed(ILogger logger, PeerId peer, string reason);
}
