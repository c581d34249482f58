using Microsoft.Extensions.Logging;

namespace Mesh.Tests;

/// <summary>Writes log lines to <see cref="TestContext.Progress"/>, and keeps them for assertions on logged reasons.</summary>
internal sealed class NUnitLoggerProvider : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new NUnitLogger(categoryName);

    public void Dispose()
    {
    }

    private sealed class NUnitLogger(string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = $"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel,-11} {category.Split('.').Last()}[{eventId.Id}] {formatter(state, exception)}{(exception is null ? "" : " | " + exception.Message)}";
            LogCapture.Add(line);
            if (logLevel >= LogLevel.Information)
            {
                TestContext.Progress.WriteLine(line);
            }
        }
    }
}
