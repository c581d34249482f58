using Microsoft.Extensions.Logging;

namespace Mesh.Core.Scheduling;

/// <content>Log messages of the task service (event ids 1650-1699).</content>
public sealed partial class TaskService
{
    [LoggerMessage(EventId = 1650, Level = LogLevel.Information, Message = "Accepted {Count} task(s) from {FirstId}")]
    private static partial void LogSubmitted(ILogger logger, int count, string firstId);

    [LoggerMessage(EventId = 1651, Level = LogLevel.Information, Message = "Task {TaskId} attempt {AttemptId} started ({Slots} slot(s) of {Total})")]
    private static partial void LogStarted(ILogger logger, string taskId, string attemptId, int slots, int total);

    [LoggerMessage(EventId = 1652, Level = LogLevel.Information, Message = "Task {TaskId} attempt {AttemptId} ended: {Reason}, exit {ExitCode} ({Outcome})")]
    private static partial void LogEnded(ILogger logger, string taskId, string attemptId, string reason, int? exitCode, string outcome);

    [LoggerMessage(EventId = 1653, Level = LogLevel.Warning, Message = "Requeued task {TaskId} attempt {AttemptId}: {Reason} ({Outcome})")]
    private static partial void LogRequeued(ILogger logger, string taskId, string attemptId, string reason, string outcome);

    [LoggerMessage(EventId = 1654, Level = LogLevel.Information, Message = "Task {TaskId} cancelled")]
    private static partial void LogCancelled(ILogger logger, string taskId);

    [LoggerMessage(EventId = 1655, Level = LogLevel.Warning, Message = "Task {TaskId} attempt {AttemptId} lost its lease; killing it")]
    private static partial void LogLeaseLost(ILogger logger, string taskId, string attemptId);

    [LoggerMessage(EventId = 1656, Level = LogLevel.Error, Message = "The task scheduler failed a pass")]
    private static partial void LogSchedulerFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1657, Level = LogLevel.Error, Message = "Task {TaskId} attempt {AttemptId} failed in the node")]
    private static partial void LogAttemptFailed(ILogger logger, string taskId, string attemptId, Exception exception);

    [LoggerMessage(EventId = 1658, Level = LogLevel.Warning, Message = "Task {TaskId}: could not remove its working directory {Path}: {Reason}")]
    private static partial void LogCleanupFailed(ILogger logger, string taskId, string path, string reason);

    [LoggerMessage(EventId = 1659, Level = LogLevel.Warning, Message = "Task {TaskId}: output files not returned: {Reason}")]
    private static partial void LogOutputFilesFailed(ILogger logger, string taskId, string reason);

    [LoggerMessage(EventId = 1660, Level = LogLevel.Information, Message = "Recovered after restart: {Requeued} interrupted task(s) requeued, {Queued} queued")]
    private static partial void LogRecovered(ILogger logger, int requeued, int queued);

    [LoggerMessage(EventId = 1661, Level = LogLevel.Information, Message = "Task {TaskId} attempt {AttemptId} sent to peer {Peer}")]
    private static partial void LogStartedRemote(ILogger logger, string taskId, string attemptId, string peer);

    [LoggerMessage(EventId = 1662, Level = LogLevel.Information, Message = "Task {TaskId} attempt {AttemptId} on peer {Peer} ended ({Outcome})")]
    private static partial void LogRemoteEnded(ILogger logger, string taskId, string attemptId, string peer, string outcome);

    [LoggerMessage(EventId = 1663, Level = LogLevel.Warning, Message = "Task {TaskId}: {Message} ({Peer})")]
    private static partial void LogRemoteRefused(ILogger logger, string taskId, string peer, string message);

    [LoggerMessage(EventId = 1664, Level = LogLevel.Warning, Message = "Task {TaskId} attempt {AttemptId}: the stream to peer {Peer} broke: {Reason}; its lease runs out unless the peer comes back")]
    private static partial void LogRemoteBroken(ILogger logger, string taskId, string attemptId, string peer, string reason);

    [LoggerMessage(EventId = 1665, Level = LogLevel.Information, Message = "Recovered after restart: {Count} attempt(s) on other peers wait {Grace} for their results")]
    private static partial void LogRemoteRecovered(ILogger logger, int count, TimeSpan grace);

    [LoggerMessage(EventId = 1666, Level = LogLevel.Information, Message = "Peer {Thief} asked for work: gave it {Count} task(s)")]
    private static partial void LogStealServed(ILogger logger, string thief, int count);

    [LoggerMessage(EventId = 1667, Level = LogLevel.Debug, Message = "The offer to {Thief} was not delivered ({Reason}); its attempts run regardless")]
    private static partial void LogStealAnswerLost(ILogger logger, string thief, string reason);

    [LoggerMessage(EventId = 1673, Level = LogLevel.Debug, Message = "Task {TaskId} attempt {AttemptId} journaled at height {Height}")]
    private static partial void LogJournaled(ILogger logger, string taskId, string attemptId, long height);

    [LoggerMessage(EventId = 1674, Level = LogLevel.Error, Message = "Task {TaskId} attempt {AttemptId}: the local run could not be journaled: {Message}")]
    private static partial void LogJournalFailed(ILogger logger, string taskId, string attemptId, string message);
}
