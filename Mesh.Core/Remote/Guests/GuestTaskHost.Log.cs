using Microsoft.Extensions.Logging;

namespace Mesh.Core.Remote.Guests;

/// <content>Log messages of the guest task host (event ids 1700-1749).</content>
public sealed partial class GuestTaskHost
{
    [LoggerMessage(EventId = 1700, Level = LogLevel.Information, Message = "Refused task {TaskId} attempt {AttemptId} from {Origin}: {Reason} ({Detail})")]
    private static partial void LogRefused(ILogger logger, string taskId, string attemptId, string origin, string reason, string detail);

    [LoggerMessage(EventId = 1701, Level = LogLevel.Information, Message = "Accepted task {TaskId} attempt {AttemptId} from {Origin}")]
    private static partial void LogAccepted(ILogger logger, string taskId, string attemptId, string origin);

    [LoggerMessage(EventId = 1702, Level = LogLevel.Information, Message = "Guest task {TaskId} attempt {AttemptId} from {Origin} ended: {Reason}, exit {ExitCode}")]
    private static partial void LogEnded(ILogger logger, string taskId, string attemptId, string origin, string reason, int? exitCode);

    [LoggerMessage(EventId = 1703, Level = LogLevel.Warning, Message = "Dropped guest task {TaskId} attempt {AttemptId} from {Origin}: {Why}")]
    private static partial void LogDropped(ILogger logger, string taskId, string attemptId, string origin, string why);

    [LoggerMessage(EventId = 1704, Level = LogLevel.Warning, Message = "Guest conversation for attempt {AttemptId} from {Origin} failed: {Why}")]
    private static partial void LogConversationFailed(ILogger logger, string attemptId, string origin, string why);

    [LoggerMessage(EventId = 1705, Level = LogLevel.Warning, Message = "Guest task {TaskId} attempt {AttemptId}: input {Name} ({Sha256}) does not match its size and SHA-256")]
    private static partial void LogInputMismatch(ILogger logger, string taskId, string attemptId, string name, string sha256);

    [LoggerMessage(EventId = 1706, Level = LogLevel.Warning, Message = "Result of task {TaskId} attempt {AttemptId} not delivered ({Why}); kept for redelivery")]
    private static partial void LogDeliveryBroken(ILogger logger, string taskId, string attemptId, string why);

    [LoggerMessage(EventId = 1707, Level = LogLevel.Debug, Message = "Result of task {TaskId} attempt {AttemptId} settled (accepted: {Accepted})")]
    private static partial void LogSettled(ILogger logger, string taskId, string attemptId, bool accepted);

    [LoggerMessage(EventId = 1708, Level = LogLevel.Information, Message = "Redelivering the result of task {TaskId} attempt {AttemptId} to {Origin}")]
    private static partial void LogRedelivering(ILogger logger, string taskId, string attemptId, string origin);

    [LoggerMessage(EventId = 1709, Level = LogLevel.Debug, Message = "Origin {Origin} unreachable for redelivery: {Why}")]
    private static partial void LogOriginUnreachable(ILogger logger, string origin, string why);

    [LoggerMessage(EventId = 1710, Level = LogLevel.Warning, Message = "Redelivery to {Origin} failed: {Why}")]
    private static partial void LogRedeliveryFailed(ILogger logger, string origin, string why);

    [LoggerMessage(EventId = 1711, Level = LogLevel.Warning, Message = "Could not remove {Path}")]
    private static partial void LogCleanupFailed(ILogger logger, string path);

    [LoggerMessage(EventId = 1712, Level = LogLevel.Information, Message = "Guest task {TaskId} attempt {AttemptId} from {Origin} suspended: the owner needs the machine")]
    private static partial void LogGuestSuspended(ILogger logger, string taskId, string attemptId, string origin);

    [LoggerMessage(EventId = 1713, Level = LogLevel.Information, Message = "Guest task {TaskId} attempt {AttemptId} from {Origin} throttled to {Cores} cores: the owner needs the machine")]
    private static partial void LogGuestThrottled(ILogger logger, string taskId, string attemptId, string origin, double cores);

    [LoggerMessage(EventId = 1714, Level = LogLevel.Information, Message = "Guest task {TaskId} attempt {AttemptId} from {Origin} runs fully again")]
    private static partial void LogGuestRestored(ILogger logger, string taskId, string attemptId, string origin);

    [LoggerMessage(EventId = 1715, Level = LogLevel.Warning, Message = "Guest task {TaskId} attempt {AttemptId} from {Origin} evicted for the owner ({Why})")]
    private static partial void LogGuestEvicted(ILogger logger, string taskId, string attemptId, string origin, string why);

    [LoggerMessage(EventId = 1716, Level = LogLevel.Warning, Message = "Owner-first check failed: {Why}")]
    private static partial void LogPreemptionFailed(ILogger logger, string why);

    [LoggerMessage(EventId = 1717, Level = LogLevel.Warning, Message = "Guest task {TaskId} attempt {AttemptId}: no compute record signed ({Why}); the result goes without one")]
    private static partial void LogRecordNotSigned(ILogger logger, string taskId, string attemptId, string why);

    [LoggerMessage(EventId = 1718, Level = LogLevel.Warning, Message = "Guest task {TaskId} attempt {AttemptId}: accepted without a valid countersignature ({Why}); settled without journaling")]
    private static partial void LogNotCountersigned(ILogger logger, string taskId, string attemptId, string why);

    [LoggerMessage(EventId = 1719, Level = LogLevel.Debug, Message = "Guest task {TaskId} attempt {AttemptId} journaled at height {Height}")]
    private static partial void LogJournaled(ILogger logger, string taskId, string attemptId, long height);

    [LoggerMessage(EventId = 1720, Level = LogLevel.Warning, Message = "Guest task {TaskId} attempt {AttemptId}: the journal could not be written ({Why}); the result is kept for redelivery")]
    private static partial void LogJournalFailed(ILogger logger, string taskId, string attemptId, string why);
}
