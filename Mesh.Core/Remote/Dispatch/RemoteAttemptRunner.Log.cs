using Microsoft.Extensions.Logging;

namespace Mesh.Core.Remote.Dispatch;

/// <content>Log messages (event ids 1750-1799).</content>
public sealed partial class RemoteAttemptRunner
{
    [LoggerMessage(EventId = 1750, Level = LogLevel.Debug, Message = "Task {TaskId} attempt {Attempt} sent to {Peer}")]
    private static partial void LogStarted(ILogger logger, string taskId, string attempt, string peer);

    [LoggerMessage(EventId = 1751, Level = LogLevel.Debug, Message = "Task {TaskId} attempt {Attempt} accepted by {Peer}")]
    private static partial void LogAccepted(ILogger logger, string taskId, string attempt, string peer);

    [LoggerMessage(EventId = 1752, Level = LogLevel.Information, Message = "Task {TaskId} attempt {Attempt} refused by {Peer}: {Reason} ({Message})")]
    private static partial void LogRefused(ILogger logger, string taskId, string attempt, string peer, string reason, string message);

    [LoggerMessage(EventId = 1753, Level = LogLevel.Warning, Message = "Task {TaskId} attempt {Attempt}: {Peer} cannot be reached: {Message}")]
    private static partial void LogUnreachable(ILogger logger, string taskId, string attempt, string peer, string message);

    [LoggerMessage(EventId = 1754, Level = LogLevel.Warning, Message = "Task {TaskId} attempt {Attempt}: input {Name} is not in the cache; recorded as a start failure ({Outcome})")]
    private static partial void LogInputMissing(ILogger logger, string taskId, string attempt, string name, string outcome);

    [LoggerMessage(EventId = 1755, Level = LogLevel.Debug, Message = "Task {TaskId} attempt {Attempt}: sending {Count} input(s)")]
    private static partial void LogInputsRequested(ILogger logger, string taskId, string attempt, int count);

    [LoggerMessage(EventId = 1756, Level = LogLevel.Warning, Message = "Task {TaskId} attempt {Attempt}: protocol violation by {Peer}: {Message}")]
    private static partial void LogViolation(ILogger logger, string taskId, string attempt, string peer, string message);

    [LoggerMessage(EventId = 1757, Level = LogLevel.Warning, Message = "Task {TaskId} attempt {Attempt} on {Peer} broke off: {Message}; lease shortened")]
    private static partial void LogBroken(ILogger logger, string taskId, string attempt, string peer, string message);

    [LoggerMessage(EventId = 1758, Level = LogLevel.Information, Message = "Task {TaskId} attempt {Attempt}: Cancel sent to {Peer}")]
    private static partial void LogCancelSent(ILogger logger, string taskId, string attempt, string peer);

    [LoggerMessage(EventId = 1759, Level = LogLevel.Information, Message = "Task {TaskId} attempt {Attempt}: {Peer} told the lease is lost: {Message}")]
    private static partial void LogLeaseLost(ILogger logger, string taskId, string attempt, string peer, string message);

    [LoggerMessage(EventId = 1760, Level = LogLevel.Debug, Message = "Task {TaskId} attempt {Attempt}: dropped output of stream {Stream} (not stdout or stderr)")]
    private static partial void LogNoticeDropped(ILogger logger, string taskId, string attempt, int stream);

    [LoggerMessage(EventId = 1761, Level = LogLevel.Debug, Message = "Task {TaskId} attempt {Attempt}: result from {Peer}: {Reason}, exit {ExitCode}, {Files} file(s)")]
    private static partial void LogResultReceived(ILogger logger, string taskId, string attempt, string peer, string reason, int? exitCode, int files);

    [LoggerMessage(EventId = 1762, Level = LogLevel.Warning, Message = "Task {TaskId} attempt {Attempt}: output files not returned: {Problems}")]
    private static partial void LogFilesNotReturned(ILogger logger, string taskId, string attempt, string problems);

    [LoggerMessage(EventId = 1763, Level = LogLevel.Debug, Message = "Task {TaskId} attempt {Attempt}: result recorded ({Outcome})")]
    private static partial void LogResultRecorded(ILogger logger, string taskId, string attempt, string outcome);

    [LoggerMessage(EventId = 1764, Level = LogLevel.Warning, Message = "Task {TaskId} attempt {Attempt}: the ResultAck to {Peer} failed: {Message}")]
    private static partial void LogAckFailed(ILogger logger, string taskId, string attempt, string peer, string message);

    [LoggerMessage(EventId = 1765, Level = LogLevel.Information, Message = "Task {TaskId} attempt {Attempt}: {Peer} redelivers its result")]
    private static partial void LogResumed(ILogger logger, string taskId, string attempt, string peer);

    [LoggerMessage(EventId = 1766, Level = LogLevel.Information, Message = "Attempt {Attempt}: redelivery from {Peer} answered LeaseLost: {Message}")]
    private static partial void LogResumeRefused(ILogger logger, string attempt, string peer, string message);

    [LoggerMessage(EventId = 1767, Level = LogLevel.Information, Message = "Task {TaskId} attempt {Attempt}: evicted by {Peer} (its owner needed the machine back); returned to the queue: {Returned}")]
    private static partial void LogEvicted(ILogger logger, string taskId, string attempt, string peer, bool returned);

    [LoggerMessage(EventId = 1768, Level = LogLevel.Debug, Message = "Task {TaskId} attempt {Attempt} journaled at height {Height}")]
    private static partial void LogJournaled(ILogger logger, string taskId, string attempt, long height);

    [LoggerMessage(EventId = 1769, Level = LogLevel.Error, Message = "Task {TaskId} attempt {Attempt}: the compute record could not be journaled: {Message}; acknowledged without a countersignature")]
    private static partial void LogJournalFailed(ILogger logger, string taskId, string attempt, string message);

    [LoggerMessage(EventId = 1770, Level = LogLevel.Information, Message = "Task {TaskId} attempt {Attempt}: {Peer} redelivers a result already journaled; answered with the stored countersignature")]
    private static partial void LogRedeliveryOfJournaled(ILogger logger, string taskId, string attempt, string peer);
}
