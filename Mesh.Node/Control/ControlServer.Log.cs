using Microsoft.Extensions.Logging;

namespace Mesh.Node.Control;

/// <content>Log messages of the control server (event ids 1300-1309).</content>
public sealed partial class ControlServer
{
    [LoggerMessage(EventId = 1300, Level = LogLevel.Information, Message = "Control API listening on unix:{Path}")]
    private static partial void LogListening(ILogger logger, string path);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "Replaced a stale control socket at {Path} (no node answered there)")]
    private static partial void LogStaleSocketReplaced(ILogger logger, string path);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Information, Message = "Control API stopped; removed {Path}")]
    private static partial void LogStopped(ILogger logger, string path);
}
