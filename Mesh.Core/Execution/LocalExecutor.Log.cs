using Microsoft.Extensions.Logging;

namespace Mesh.Core.Execution;

public sealed partial class LocalExecutor
{
    [LoggerMessage(EventId = 1500, Level = LogLevel.Information, Message = "Task isolation: enforced {Enforced}; missing {Missing}")]
    private static partial void LogIsolation(ILogger logger, string enforced, string missing);

    [LoggerMessage(EventId = 1501, Level = LogLevel.Debug, Message = "Task {TaskId} attempt {AttemptId} started as pid {Pid}")]
    private static partial void LogStarted(ILogger logger, string taskId, string attemptId, int pid);

    [LoggerMessage(EventId = 1502, Level = LogLevel.Debug, Message = "Task {TaskId} attempt {AttemptId} ended: {Outcome}, exit {ExitCode}")]
    private static partial void LogEnded(ILogger logger, string taskId, string attemptId, ExecutionOutcome outcome, int? exitCode);

    [LoggerMessage(EventId = 1503, Level = LogLevel.Warning, Message = "Task {TaskId} attempt {AttemptId} failed to start: {Reason}")]
    private static partial void LogFailedToStart(ILogger logger, string taskId, string attemptId, string reason);

    [LoggerMessage(EventId = 1504, Level = LogLevel.Warning, Message = "Task {TaskId} attempt {AttemptId}: a limit is not enforced: {Problem}")]
    private static partial void LogLimitProblem(ILogger logger, string taskId, string attemptId, string problem);

    [LoggerMessage(EventId = 1505, Level = LogLevel.Information, Message = "Killing task {TaskId} attempt {AttemptId} ({Reason})")]
    private static partial void LogKilling(ILogger logger, string taskId, string attemptId, ExecutionOutcome reason);

    [LoggerMessage(EventId = 1506, Level = LogLevel.Warning, Message = "Task {TaskId} attempt {AttemptId}: output pipes stayed open after the task ended; output cut off")]
    private static partial void LogDrainTimedOut(ILogger logger, string taskId, string attemptId);

    [LoggerMessage(EventId = 1507, Level = LogLevel.Warning, Message = "Task {TaskId} attempt {AttemptId}: the output sink failed; the task is killed")]
    private static partial void LogOutputFailed(ILogger logger, string taskId, string attemptId, Exception exception);

    [LoggerMessage(EventId = 1520, Level = LogLevel.Information, Message = "Attempt {AttemptId} suspended ({How})")]
    private static partial void LogSuspended(ILogger logger, string attemptId, string how);

    [LoggerMessage(EventId = 1521, Level = LogLevel.Information, Message = "Attempt {AttemptId} resumed")]
    private static partial void LogResumed(ILogger logger, string attemptId);

    [LoggerMessage(EventId = 1522, Level = LogLevel.Information, Message = "Attempt {AttemptId} CPU quota set to {Cores} cores (null: its own limit)")]
    private static partial void LogThrottled(ILogger logger, string attemptId, double? cores);
}
