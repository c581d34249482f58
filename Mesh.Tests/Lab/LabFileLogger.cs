using Microsoft.Extensions.Logging;

namespace Mesh.Tests.Lab;

/// <summary>One category's logger of a <see cref="LabFileLoggerFactory"/>.</summary>
internal sealed class LabFileLogger(LabFileLoggerFactory factory, string category) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var shortCategory = category[(category.LastIndexOf('.') + 1)..];
        factory.Write($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {shortCategory}[{eventId.Id}] {formatter(state, exception)}{(exception is null ? "" : " " + exception.Message)}");
    }
}
