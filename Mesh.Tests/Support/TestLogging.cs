using Microsoft.Extensions.Logging;

namespace Mesh.Tests;

/// <summary>Logs of the code under test go to the NUnit test output, so a failure shows what the peers did.</summary>
internal static class TestLogging
{
    public static ILoggerFactory Factory { get; } = LoggerFactory.Create(b => b
        .SetMinimumLevel(LogLevel.Debug)
        .AddProvider(new NUnitLoggerProvider()));
}
