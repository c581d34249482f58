using Microsoft.Extensions.Logging;

namespace Mesh.Core.Journal;

/// <summary>The journal's log messages (event ids 1820-1839).</summary>
internal static partial class JournalLog
{
    [LoggerMessage(EventId = 1820, Level = LogLevel.Warning, Message = "Journal {Path}: the last frame at byte {Position} is incomplete (a write cut by a crash); its {Length} bytes are saved to {Evidence} and the file is truncated there")]
    public static partial void TornTail(this ILogger logger, string path, long position, long length, string evidence);

    [LoggerMessage(EventId = 1821, Level = LogLevel.Error, Message = "Journal {Path} is damaged at byte {Position}: a frame claims {FrameLength} bytes (1 to {Max}); the {Length} bytes from there are saved to {Evidence} and the file is truncated there")]
    public static partial void Damaged(this ILogger logger, string path, long position, long frameLength, int max, long length, string evidence);

    [LoggerMessage(EventId = 1822, Level = LogLevel.Error, Message = "Journal {Path}: appending attempt {Attempt} of task {TaskId} at height {Height} failed")]
    public static partial void AppendFailed(this ILogger logger, string path, string attempt, string taskId, long height, Exception exception);

    [LoggerMessage(EventId = 1823, Level = LogLevel.Information, Message = "Journal {Path} opened: {Entries} entries, head {Height} {Hash}")]
    public static partial void Opened(this ILogger logger, string path, long entries, long height, string hash);

    [LoggerMessage(EventId = 1824, Level = LogLevel.Error, Message = "Journal {Path}: cutting a failed append back to byte {Position} failed too; the next open treats the tail as torn")]
    public static partial void RollbackFailed(this ILogger logger, string path, long position, Exception exception);
}
