using Mesh.Libp2p.Identity;
using Microsoft.Extensions.Logging;

namespace Mesh.Core.Ledger;

public sealed partial class LedgerService
{
    [LoggerMessage(EventId = 1200, Level = LogLevel.Information, Message = "Ledger started on topic {Topic} as {Peer}")]
    private static partial void LogStarted(ILogger logger, string topic, PeerId peer);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Peer {Peer} ({Name}) joined the ledger")]
    private static partial void LogPeerJoined(ILogger logger, PeerId peer, string name);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Information, Message = "Peer {Peer} ({Name}) left the ledger: silent for {ExpireAfter}")]
    private static partial void LogPeerExpired(ILogger logger, PeerId peer, string name, TimeSpan expireAfter);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Trace, Message = "Accepted ledger entry {Version} of {Peer}")]
    private static partial void LogEntryAccepted(ILogger logger, PeerId peer, ulong version);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Debug, Message = "Ignored a stale ledger entry from {Peer}: {Reason}")]
    private static partial void LogEntryStale(ILogger logger, PeerId peer, string reason);

    // Debug, not Warning: a hostile peer could otherwise flood the log with its own rejections; the counters show them.
    [LoggerMessage(EventId = 1205, Level = LogLevel.Debug, Message = "Rejected a ledger entry from {Peer} (via {ReceivedFrom}): {Result}, {Reason}")]
    private static partial void LogEntryRejected(ILogger logger, PeerId peer, PeerId receivedFrom, LedgerReceiveResult result, string reason);

    [LoggerMessage(EventId = 1206, Level = LogLevel.Trace, Message = "Published ledger entry {Version} ({Length} bytes)")]
    private static partial void LogPublished(ILogger logger, ulong version, int length);

    [LoggerMessage(EventId = 1207, Level = LogLevel.Warning, Message = "Could not publish the ledger entry")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1208, Level = LogLevel.Error, Message = "The ledger {Loop} loop failed")]
    private static partial void LogLoopFailed(ILogger logger, string loop, Exception exception);

    [LoggerMessage(EventId = 1209, Level = LogLevel.Warning, Message = "Left the journal out of the ledger entry: {Reason}")]
    private static partial void LogJournalSummaryInvalid(ILogger logger, string reason);

    [LoggerMessage(EventId = 1210, Level = LogLevel.Error, Message = "A handler of the accepted ledger entry of {Peer} failed")]
    private static partial void LogEntryHandlerFailed(ILogger logger, PeerId peer, Exception exception);
}
