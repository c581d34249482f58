using Mesh.Libp2p.Identity;
using Microsoft.Extensions.Logging;

namespace Mesh.Core.Journal.Audit;

public sealed partial class JournalWatch
{
    [LoggerMessage(EventId = 1850, Level = LogLevel.Warning, Message = "The journal of {Peer} forked (its history was rewritten): {Problem}")]
    private static partial void LogForked(ILogger logger, PeerId peer, string problem);

    [LoggerMessage(EventId = 1851, Level = LogLevel.Debug, Message = "Could not audit the journal of {Peer}, will retry: {Reason}")]
    private static partial void LogAuditDeferred(ILogger logger, PeerId peer, string reason);

    [LoggerMessage(EventId = 1852, Level = LogLevel.Debug, Message = "Audited the journal of {Peer} up to height {Height}")]
    private static partial void LogAudited(ILogger logger, PeerId peer, long height);

    [LoggerMessage(EventId = 1853, Level = LogLevel.Error, Message = "The audit of the journal of {Peer} failed")]
    private static partial void LogAuditFailed(ILogger logger, PeerId peer, Exception exception);

    [LoggerMessage(EventId = 1854, Level = LogLevel.Error, Message = "The journal watch loop failed")]
    private static partial void LogLoopFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1855, Level = LogLevel.Warning, Message = "The verified journal heads in {Path} cannot be read; starting from the heads peers announce now: {Reason}")]
    private static partial void LogStateUnreadable(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 1856, Level = LogLevel.Warning, Message = "The verified journal heads cannot be saved to {Path}; they are kept in memory: {Reason}")]
    private static partial void LogStateNotSaved(ILogger logger, string path, string reason);
}
