using Microsoft.Extensions.Logging;

namespace Mesh.Core.Tasks;

/// <summary>The store's log messages (event ids 1551-1559).</summary>
public sealed partial class TaskStore
{
    [LoggerMessage(EventId = 1551, Level = LogLevel.Information, Message = "Task {TaskId} attempt {Attempt} taken back: now {State} ({Reason})")]
    private static partial void LogRequeued(ILogger logger, string taskId, string attempt, string state, string reason);

    [LoggerMessage(EventId = 1552, Level = LogLevel.Information, Message = "Task {TaskId}: result of attempt {Attempt} refused as a duplicate (the task has its result, or that attempt is no longer current)")]
    private static partial void LogDuplicateResult(ILogger logger, string taskId, string attempt);

    [LoggerMessage(EventId = 1553, Level = LogLevel.Warning, Message = "Task {TaskId} attempt {Attempt}: output cut at {Limit} bytes")]
    private static partial void LogOutputTruncated(ILogger logger, string taskId, string attempt, long limit);
}
