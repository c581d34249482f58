using Mesh.Core.Resources;
using Microsoft.Extensions.Logging;

namespace Mesh.Core.Probe;

/// <summary>
/// A test hook that simulates the owner's load in real processes: reads a small text file (<c>cpu=1.5,mem=1GiB</c>,
/// the syntax of <see cref="ResourceSpec.TryParse"/>) at each probe and reports it as the owner's usage. A missing or
/// empty file is zero usage; a bad one is zero usage too, with a warning logged once per bad content. The node selects
/// it when <c>MESH_TEST_OWNER_USAGE_FILE</c> names the file.
/// </summary>
public sealed partial class FileOwnerUsageSource : IOwnerUsageSource
{
    /// <summary>The most bytes read from the file; a longer file is bad.</summary>
    public const int MaxFileBytes = 4096;

    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private string? _warnedAbout;

    /// <summary>Creates the source over <paramref name="path"/> (which need not exist yet).</summary>
    /// <param name="path">The file to read at each probe.</param>
    /// <param name="logger">Where the warning about a bad file goes.</param>
    public FileOwnerUsageSource(string path, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(logger);
        Path = path;
        _logger = logger;
    }

    /// <summary>The file read at each probe.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public ValueTask<ResourceVector> ReadOwnerUsageAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var text = ReadOrNull();
        if (string.IsNullOrWhiteSpace(text))
        {
            return ValueTask.FromResult(ResourceVector.Zero);
        }

        text = text.Trim();
        if (text.Length > MaxFileBytes)
        {
            WarnOnce(text[..64], $"longer than {MaxFileBytes} bytes");
            return ValueTask.FromResult(ResourceVector.Zero);
        }

        if (!ResourceSpec.TryParse(text, out var spec, out var error))
        {
            WarnOnce(text, error ?? "not a resource spec");
            return ValueTask.FromResult(ResourceVector.Zero);
        }

        lock (_lock)
        {
            _warnedAbout = null;
        }

        return ValueTask.FromResult(new ResourceVector(spec.Cpu ?? 0, spec.Memory ?? 0, spec.Disk ?? 0, spec.Gpu ?? 0));
    }

    private string? ReadOrNull()
    {
        try
        {
            using var file = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var buffer = new byte[MaxFileBytes + 1];
            var length = file.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            return System.Text.Encoding.UTF8.GetString(buffer, 0, length);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            WarnOnce("(unreadable)", e.Message);
            return null;
        }
    }

    private void WarnOnce(string content, string error)
    {
        lock (_lock)
        {
            if (_warnedAbout == content)
            {
                return;
            }

            _warnedAbout = content;
        }

        LogBadFile(_logger, Path, error);
    }

    [LoggerMessage(EventId = 1190, Level = LogLevel.Warning, Message = "Test owner-usage file {Path} is not a resource spec ({Error}); reporting no owner usage")]
    private static partial void LogBadFile(ILogger logger, string path, string error);
}
