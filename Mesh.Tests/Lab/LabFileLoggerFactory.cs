using Microsoft.Extensions.Logging;

namespace Mesh.Tests.Lab;

/// <summary>
/// A debugging aid for lab roles: every logger writes its Debug-and-above lines, timestamped, to one file. Used only
/// when a run asks for it (MESH_LAB_LOG_DIR), so the lines do not crowd a failure's output.
/// </summary>
internal sealed class LabFileLoggerFactory(string path) : ILoggerFactory
{
    private readonly StreamWriter _writer = new(path, append: true) { AutoFlush = true };
    private readonly Lock _gate = new();

    public ILogger CreateLogger(string categoryName) => new LabFileLogger(this, categoryName);

    public void AddProvider(ILoggerProvider provider)
    {
        // Only this file.
    }

    public void Dispose() => _writer.Dispose();

    /// <summary>Writes one line; lines from several threads never interleave.</summary>
    public void Write(string line)
    {
        lock (_gate)
        {
            _writer.WriteLine(line);
        }
    }
}
